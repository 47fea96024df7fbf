"""Write the reference reports of tests/test_golden.py: `python tests/golden/make.py`.

Run it only when a change of the reports is intended, and say why in the commit.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import GOLDEN, all_cases, generate, relative, run


def main() -> None:
    """Run every case and store its report, exit code and the generated inputs' digests."""
    shutil.rmtree(GOLDEN, ignore_errors=True)
    GOLDEN.mkdir()
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated"
        digests = generate(generated)
        codes = {}
        for name, args, fmt in all_cases(generated):
            out = Path(tmp) / "out"
            codes[name] = run(args, fmt, out)
            (GOLDEN / name).write_bytes(relative(out.read_bytes(), generated))
    (GOLDEN.parent / "exit-codes.json").write_text(json.dumps(codes, indent=1, sort_keys=True) + "\n")
    (GOLDEN.parent / "generated-inputs.json").write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
