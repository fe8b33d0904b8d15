"""Writing a reference file under tests/reference, for the scripts/gen_*_reference.py
generators: written to a temporary name and renamed, so a failed run never leaves half
a file."""
import os


def write_reference(name, lines):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "tests", "reference", name)
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out)
    print("wrote", out)
