from cryplaylist.cli import run

run()
