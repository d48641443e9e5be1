"""Times numpy's neutralise step on the first 20,000 GloVe rows, for comparison with the `projections` benchmark.

Not part of CI and not a dependency of the kit: run by hand where numpy is installed,
    python3 tests/DebiasKit.Benchmarks/numpy_neutralize.py [path to data/glove/glove.6B.100d.top50k.txt.gz]
It reads the shipped GloVe file (the first 20,000 rows), takes a fixed unit direction g (the normalised "she" − "he",
which is close to the kit's bias direction; the step's cost does not depend on g) and times
    y = x − (x @ g)[:, None] * g[None, :];  y /= norm(y, axis=1)[:, None]
with timeit (float32, as the kit's tensors), printing the best and the mean of the repeats in milliseconds.
"""
import gzip
import sys
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "glove" / "glove.6B.100d.top50k.txt.gz"
    if not path.exists():
        sys.exit(f"{path} not found; pass the GloVe file's path")
    words, rows = [], []
    with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ")
            words.append(parts[0])
            rows.append(np.asarray(parts[1:], dtype=np.float32))
            if len(rows) == 20_000:
                break
    x = np.stack(rows)
    index = {w: i for i, w in enumerate(words)}
    g = x[index["she"]] - x[index["he"]]
    g = (g / np.linalg.norm(g)).astype(np.float32)

    def neutralize():
        y = x - (x @ g)[:, None] * g[None, :]
        y /= np.linalg.norm(y, axis=1)[:, None]
        return y

    timer = timeit.Timer(neutralize)
    number = 20
    times = [t / number * 1000 for t in timer.repeat(repeat=15, number=number)]
    print(f"numpy {np.__version__}, x {x.shape} {x.dtype}: neutralise best {min(times):.2f} ms, mean {sum(times) / len(times):.2f} ms")


if __name__ == "__main__":
    main()
