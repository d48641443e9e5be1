#!/usr/bin/env bash
# Runs one notebook, unmodified, in Jupyter with the .NET (C#) kernel, and checks the executed copy.
#
#   environment/run-in-jupyter.sh [NOTEBOOK]       (default: notebooks/long-tail/034-ldam-drw.ipynb)
#
# NOTEBOOK is a path relative to the current directory or to the repository root.
# Installs what is missing (Jupyter's nbconvert from Debian packages; the .NET Interactive kernel as the local
# dotnet tool pinned in environment/dotnet-tools.json), registers the .NET kernels under artifacts/jupyter/kernels
# (the user's own Jupyter folders are not touched), builds the kit if artifacts/kit/DebiasKit.dll is missing,
# executes the notebook into artifacts/jupyter/<name>.ipynb and prints the checks. Exits non-zero when a check fails.
#
# Environment: JUPYTER_CELL_TIMEOUT (seconds per cell, default 1800), JUPYTER_STARTUP_TIMEOUT (seconds for the kernel
# to start, default 300).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out_dir="$repo/artifacts/jupyter"
cell_timeout="${JUPYTER_CELL_TIMEOUT:-1800}"
startup_timeout="${JUPYTER_STARTUP_TIMEOUT:-300}"

# The notebook: relative to the current directory, else to the repository root.
arg="${1:-notebooks/long-tail/034-ldam-drw.ipynb}"
if [[ -f "$arg" ]]; then
  notebook="$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"
elif [[ -f "$repo/$arg" ]]; then
  notebook="$(cd "$(dirname "$repo/$arg")" && pwd)/$(basename "$arg")"
else
  echo "run-in-jupyter: notebook not found: $arg" >&2
  exit 2
fi
name="$(basename "$notebook" .ipynb)"

step() { printf '\n== %s\n' "$*"; }
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# ---------------------------------------------------------------------------------------------------------------
step "1/4 Jupyter (nbconvert) and the .NET Interactive tool"

# `jupyter` on PATH may be a stand-in (for example a pyenv shim without Jupyter behind it): use the first that works.
find_jupyter() {
  local candidate
  for candidate in "$(command -v jupyter || true)" /usr/bin/jupyter; do
    if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" nbconvert --version >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! jupyter="$(find_jupyter)"; then
  echo "Jupyter's nbconvert is missing: installing it from Debian packages."
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then sudo=(sudo); fi
  # The package lists may be empty on a fresh machine.
  if ! apt-cache show jupyter-nbconvert >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update
  fi
  # jupyter-nbconvert brings python3-nbconvert, python3-nbclient and python3-jupyter-client (what --execute needs);
  # jupyter-client adds the `jupyter kernelspec` command, handy to inspect the kernels. pandoc (recommended) is not needed.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client
  jupyter="$(find_jupyter)" || { echo "run-in-jupyter: jupyter nbconvert still does not run after the install" >&2; exit 1; }
fi
echo "jupyter: $jupyter (nbconvert $("$jupyter" nbconvert --version))"

# The kernel is the local tool pinned in environment/dotnet-tools.json; restore it (a no-op when it is there).
(cd "$here" && dotnet tool restore >/dev/null)
tool_version="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tools"]["microsoft.dotnet-interactive"]["version"])' "$here/dotnet-tools.json")"
packages="${NUGET_PACKAGES:-}"
if [[ -z "$packages" ]]; then
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
fi
tool_dll="$(ls -1 "${packages%/}"/microsoft.dotnet-interactive/"$tool_version"/tools/*/any/Microsoft.DotNet.Interactive.App.dll 2>/dev/null | head -n 1 || true)"
if [[ -z "$tool_dll" ]]; then
  # Restored earlier into another packages folder: `dotnet tool run` then starts the copy its resolver cache names.
  tool_dll="$(python3 - "${DOTNET_CLI_HOME:-$HOME}/.dotnet/toolResolverCache" "$tool_version" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "microsoft.dotnet-interactive"))):
    try:
        entries = json.load(open(path))
    except (OSError, ValueError):
        continue
    for entry in entries:
        exe = entry.get("PathToExecutable", "")
        if entry.get("Version") == sys.argv[2] and os.path.isfile(exe):
            print(exe)
            sys.exit(0)
PY
)"
fi
if [[ -z "$tool_dll" ]]; then
  echo "run-in-jupyter: Microsoft.DotNet.Interactive.App.dll of dotnet-interactive $tool_version not found under $packages" >&2
  exit 1
fi
echo "dotnet-interactive: $tool_version ($tool_dll)"

# ---------------------------------------------------------------------------------------------------------------
step "2/4 Register the .NET kernels under artifacts/jupyter/kernels"

# All of Jupyter's folders for this run live under artifacts/jupyter, so nothing of the user's is read or written.
export JUPYTER_PATH="$out_dir"
export JUPYTER_CONFIG_DIR="$out_dir/config"
export JUPYTER_RUNTIME_DIR="$out_dir/runtime"
mkdir -p "$out_dir" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR"
rm -rf "$out_dir/kernels"
mkdir -p "$out_dir/kernels"   # the tool requires the folder to exist
install_log="$(cd "$here" && dotnet tool run dotnet-interactive -- jupyter install --path "$out_dir/kernels" 2>&1)" || {
  echo "$install_log" >&2
  echo "run-in-jupyter: dotnet-interactive jupyter install failed" >&2
  exit 1
}
grep -i "installed" <<<"$install_log" || true

# The kernel specs start `dotnet interactive`, which finds a local tool only from below environment/, while Jupyter
# starts the kernel in the notebook's folder (so that #r "../../artifacts/kit/DebiasKit.dll" resolves). Point them at
# the tool's entry assembly instead (these files are generated, under artifacts/, and hold this machine's paths).
python3 - "$out_dir/kernels" "$tool_dll" <<'PY'
import json, pathlib, sys
kernels, dll = pathlib.Path(sys.argv[1]), sys.argv[2]
specs = sorted(kernels.glob("*/kernel.json"))
if not specs:
    sys.exit("no kernel.json was written under " + str(kernels))
for spec in specs:
    data = json.loads(spec.read_text())
    argv = data["argv"]
    if argv[:2] != ["dotnet", "interactive"]:
        sys.exit(f"{spec}: unexpected argv {argv}")
    # --http-local-only: the kernel's HTTP API (for browser-side JavaScript) listens on loopback only, so it opens
    # no port on the machine's other addresses and the probe script it puts in the first output names only loopback.
    data["argv"] = ["dotnet", dll] + argv[2:] + (["--http-local-only"] if "--http-local-only" not in argv else [])
    data.setdefault("env", {}).update({"DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"})
    spec.write_text(json.dumps(data, indent=2) + "\n")
    print(f"{spec.parent.name}: {' '.join(data['argv'])}")
PY

# ---------------------------------------------------------------------------------------------------------------
step "3/4 The kit"
if [[ -f "$repo/artifacts/kit/DebiasKit.dll" ]]; then
  echo "artifacts/kit/DebiasKit.dll is there (not rebuilt)."
else
  echo "artifacts/kit/DebiasKit.dll is missing: building src/DebiasKit."
  (cd "$repo" && dotnet build src/DebiasKit -c Release)
fi

# ---------------------------------------------------------------------------------------------------------------
step "4/4 Execute ${notebook#"$repo"/}"
output="$out_dir/$name.ipynb"
rm -f "$output"
started_utc="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"
started="$(now)"
set +e
# --allow-errors: a failing cell is recorded in the executed notebook (and reported below) instead of losing the file.
"$jupyter" nbconvert --to notebook --execute --allow-errors \
  --ExecutePreprocessor.kernel_name=.net-csharp \
  --ExecutePreprocessor.timeout="$cell_timeout" \
  --ExecutePreprocessor.startup_timeout="$startup_timeout" \
  --output-dir "$out_dir" --output "$name" "$notebook"
nbconvert_status=$?
set -e
elapsed="$(seconds_since "$started")"
echo "nbconvert exited $nbconvert_status after $elapsed s"
if [[ ! -f "$output" ]]; then
  echo "FAIL: no executed notebook was written ($output)" >&2
  exit 1
fi

# ---------------------------------------------------------------------------------------------------------------
step "Checks on ${output#"$repo"/}"
python3 - "$output" "$started_utc" "$elapsed" "$nbconvert_status" <<'PY'
import json, re, sys
from datetime import datetime, timezone

path, started_utc, elapsed, nbconvert_status = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
nb = json.load(open(path, encoding="utf-8"))
code = [(i, c) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]

def when(text):
    # nbclient records kernel timestamps such as 2026-01-01T10:00:00.123456Z (some kernels give 7 fraction digits)
    text = text.rstrip("Z")
    if "." in text:
        head, frac = text.split(".", 1)
        text = head + "." + frac[:6]
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)

def output_text(output):
    parts = []
    if "text" in output:
        parts.append("".join(output["text"]) if isinstance(output["text"], list) else output["text"])
    for value in output.get("data", {}).values():
        if isinstance(value, list):
            parts.append("".join(value))
        elif isinstance(value, str):
            parts.append(value)
        else:
            parts.append(json.dumps(value))
    if output.get("output_type") == "error":
        parts.append(output.get("ename", "") + ": " + output.get("evalue", ""))
    return "\n".join(parts)

failures = []
def check(ok, label, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {label}" + (f"  ({detail})" if detail else ""))
    if not ok:
        failures.append(label)

# Timings from the executed notebook's cell metadata (nbclient's record_timing).
durations = []
for i, cell in code:
    t = cell.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in t and "shell.execute_reply" in t:
        durations.append((i, (when(t["shell.execute_reply"]) - when(t["iopub.execute_input"])).total_seconds(), t))
print(f"total nbconvert time: {elapsed:.1f} s")
if durations:
    first = durations[0][2]
    kernel_ready = when(first.get("iopub.status.busy", first["iopub.execute_input"]))
    print(f"kernel start (nbconvert launch to first cell starting): {(kernel_ready - when(started_utc)).total_seconds():.1f} s")
    print("cell times: " + ", ".join(f"[{i}] {d:.1f} s" for i, d, _ in durations))

executed = [i for i, c in code if c.get("execution_count") is not None]
check(len(executed) == len(code), "cells executed", f"{len(executed)} of {len(code)} code cells")

errors = [(i, o) for i, c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
for i, o in errors:
    first_line = (o.get("evalue") or "").strip().splitlines()[:1]
    print(f"      cell [{i}] {o.get('ename', '')}: {first_line[0] if first_line else ''}")
check(not errors, "no error outputs", f"{len(errors)} error output(s)")
stderr = [i for i, c in code for o in c.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
if stderr:
    print(f"note  stderr output in cell(s) {sorted(set(stderr))}")

# Chart cells: those that record a chart (report.Chart) or whose output is a kit chart element.
chart_cells = [i for i, c in code if "report.Chart(" in "".join(c["source"])
               or any('class="debiaskit-chart"' in output_text(o) for o in c.get("outputs", []))]
drawn = [i for i in chart_cells
         if any("Plotly.newPlot" in output_text(o) for o in dict(code)[i].get("outputs", []))]
missing = [i for i in chart_cells if i not in drawn]
if chart_cells:
    check(not missing, "chart outputs contain Plotly.newPlot",
          f"{len(drawn)} of {len(chart_cells)} chart cells {chart_cells}" + (f"; without it: {missing}" if missing else ""))
else:
    print("n/a   chart outputs contain Plotly.newPlot  (the notebook records no chart)")

first_code = code[0][1] if code else {"outputs": []}
check(any("window.Plotly" in output_text(o) for o in first_code.get("outputs", [])),
      "first code cell's output inlines plotly.js (window.Plotly)")

# plotly.js itself carries one "https://cdn.plot.ly/" string: the default of its topojsonURL option, fetched only by geo
# charts. That one is part of the inlined bundle, not a load from the CDN; any other reference fails the check.
bundle_default = re.compile(r'topojsonURL:\{[^{}]*dflt:"https://cdn\.plot\.ly/"')
cdn, bundle_only = [], []
for i, c in code:
    for o in c.get("outputs", []):
        text = output_text(o)
        total = text.count("cdn.plot.ly")
        if not total:
            continue
        benign = len(bundle_default.findall(text))
        (cdn if total > benign else bundle_only).append(i)
if bundle_only:
    print(f"note  cell(s) {sorted(set(bundle_only))}: cdn.plot.ly only as plotly.js's own topojsonURL default (not loaded)")
check(not cdn, "no output references cdn.plot.ly (outside plotly.js's topojsonURL default)", f"cells {sorted(set(cdn))}" if cdn else "")
other_cdn = sorted({m for i, c in code for o in c.get("outputs", [])
                    for m in re.findall(r"https?://(cdn[\w.-]*)", output_text(o)) if m != "cdn.plot.ly"})
if other_cdn:
    print(f"note  other CDN hosts named in outputs: {', '.join(other_cdn)}")

if nbconvert_status != 0:
    check(False, "nbconvert exit status", str(nbconvert_status))
print()
print("RESULT: " + ("PASS" if not failures else "FAIL (" + "; ".join(failures) + ")"))
sys.exit(1 if failures else 0)
PY
