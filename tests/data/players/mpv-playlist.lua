-- mpv --no-config --idle=yes --ytdl=no --vo=null --ao=null --script=mpv-playlist.lua PLAYLIST
-- prints each playlist entry as mpv read it: its address and the title mpv shows for it
mp.add_timeout(0.5, function()
  for _, entry in ipairs(mp.get_property_native("playlist")) do
    print("ENTRY\t" .. tostring(entry.filename) .. "\t" .. tostring(entry.title))
  end
  mp.command("quit")
end)
