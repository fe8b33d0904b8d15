#!/usr/bin/python3
"""Writes tests/reference/safetensors_fixture.safetensors, the file the safetensors_unit
test reads to prove st_read understands files descent did not write.

The `safetensors` Python package is not installed here, so the file is written by hand
from the format's definition (https://github.com/huggingface/safetensors#format): u64
little-endian header size, JSON header padded with spaces to a multiple of 8, then the
raw little-endian data. Unlike descent's own writer it puts "__metadata__" last, lists
tensors in an order different from their data order, escapes non-ASCII names with
\\uXXXX (json.dumps' default, including a surrogate pair) and includes a scalar and an
empty tensor. The values are simple formulas the test recomputes.

Usage: /usr/bin/python3 scripts/gen_safetensors_fixture.py [out_path]
"""
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "reference", "safetensors_fixture.safetensors")

# name -> (shape, values); the test knows the same formulas.
TENSORS = {
    "layer.0.weight": ([2, 3], [0.5 * i - 1.0 for i in range(6)]),
    "bias": ([4], [-0.0, 1e-45, 3.4e38, -2.75]),
    "scale": ([], [0.125]),
    "empty": ([0, 3], []),
    "caf\u00e9 \U0001F600": ([3, 1, 2], [1.0 / (i + 1) for i in range(6)]),
}
DATA_ORDER = ["bias", "caf\u00e9 \U0001F600", "empty", "scale", "layer.0.weight"]
HEADER_ORDER = ["layer.0.weight", "scale", "caf\u00e9 \U0001F600", "bias", "empty"]
METADATA = {"format": "pt", "note": 'quote " backslash \\ newline \n tab \t caf\u00e9 \U0001F600'}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    data = b""
    offsets = {}
    for name in DATA_ORDER:
        shape, values = TENSORS[name]
        raw = struct.pack("<%df" % len(values), *values)
        offsets[name] = [len(data), len(data) + len(raw)]
        data += raw
    header = {}
    for name in HEADER_ORDER:
        header[name] = {"dtype": "F32", "shape": TENSORS[name][0], "data_offsets": offsets[name]}
    header["__metadata__"] = METADATA
    text = json.dumps(header, separators=(",", ":")).encode("ascii")
    text += b" " * (-len(text) % 8)
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    print("wrote %s (%d bytes)" % (out, 8 + len(text) + len(data)))


if __name__ == "__main__":
    main()
