"""cryplaylist: keep the music videos that make you cry, rank them, and share them."""

__version__ = "0.1.0"
