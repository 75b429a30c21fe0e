"""Draw freigabe/static/freigabe/favicon.ico: a white check mark on the house blue.

An ICO file holding 16 and 32 pixel PNG images (every current browser reads those).
Run once after changing the drawing: python3 scripts/make-favicon.py
"""

import struct
import zlib
from pathlib import Path

BLUE = (29, 78, 137, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
# The check mark as a polyline in a 0..1 square, drawn with a round pen.
CHECK = [(0.24, 0.52), (0.43, 0.70), (0.77, 0.32)]
TARGET = Path(__file__).resolve().parents[1] / "freigabe/static/freigabe/favicon.ico"


def distance_to_segment(x, y, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2) ** 0.5


def pixel(x, y, size):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    corner = 0.18
    cx, cy = min(max(u, corner), 1 - corner), min(max(v, corner), 1 - corner)
    if ((u - cx) ** 2 + (v - cy) ** 2) ** 0.5 > corner:
        return CLEAR  # outside the rounded square
    pen = 0.09 if size >= 32 else 0.11
    near = min(distance_to_segment(u, v, a, b) for a, b in zip(CHECK, CHECK[1:]))
    return WHITE if near <= pen else BLUE


def png(size):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def ico(sizes=(16, 32)):
    images = [png(size) for size in sizes]
    offset = 6 + 16 * len(images)
    directory = b""
    for size, image in zip(sizes, images):
        directory += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    return struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(images)


if __name__ == "__main__":
    TARGET.write_bytes(ico())
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")
