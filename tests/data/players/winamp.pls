[playlist]
File1=https://www.youtube.com/watch?v=TheArkLight
Title1=The Ark - The Light
Length1=-1
File2=https://www.youtube.com/watch?v=xEeFrLSkMm8
Title2=BTS - ⚠ grief (implied) · Spring Day
Length2=274
File3=https://www.youtube.com/watch?v=NellDayBef0
Title3=Nell - ⚠ suicide (depicted), death · The Day Before
Length3=245
File4=C:\Users\mina\Music\Nell - Time Walking on Memory.mp3
Title4=Nell - Time Walking on Memory
Length4=251
NumberOfEntries=4
Version=2
