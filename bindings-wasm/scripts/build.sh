#!/usr/bin/env bash
# Builds the WebAssembly binding:
#   bindings-wasm/pkg/       the npm package: web/ (ES module, `await init()` first, for browsers and
#                            bundlers), node/ (CommonJS, loads synchronously), the TypeScript types
#   bindings-wasm/www/pkg/   what the demo page loads: the classic-script build (works from file://),
#                            the .wasm, the .wasm as base64 (file:// cannot fetch), and esm/ = web/
# Run by `make wasm-build` (which passes WASM_BINDGEN); cheap when nothing changed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
cargo=${CARGO:-cargo}
bindgen=${WASM_BINDGEN:?set WASM_BINDGEN to the wasm-bindgen CLI}
wasm_opt="$here/node_modules/.bin/wasm-opt"
target_dir=${CARGO_TARGET_DIR:-$root/target}
name=giamngheo_wasm

# WASM_STD (make.mk): rustup's wasm32 target, or std built from Debian's rust-web-src by Debian's
# rustc-web (-Zbuild-std needs RUSTC_BOOTSTRAP=1 on a stable compiler), in its own target dir.
case "${WASM_STD:-rustup}" in
  rustup)
    raw="$target_dir/wasm32-unknown-unknown/wasm-release/$name.wasm"
    (cd "$root" && "$cargo" build --quiet -p giamngheo-wasm \
      --target wasm32-unknown-unknown --profile wasm-release)
    ;;
  debian)
    debian_dir="$target_dir/wasm-std-debian"
    raw="$debian_dir/wasm32-unknown-unknown/wasm-release/$name.wasm"
    (cd "$root" && RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --quiet -p giamngheo-wasm \
      --target wasm32-unknown-unknown --profile wasm-release -Zbuild-std=std,panic_abort --target-dir "$debian_dir")
    ;;
  *) echo "WASM_STD must be rustup or debian" >&2; exit 1 ;;
esac

pkg="$here/pkg"
stamp="$pkg/.built-from"
sum="$(sha256sum "$raw" | cut -d' ' -f1) $("$bindgen" --version) binaryen-$(node -p 'require(process.argv[1]).version' "$here/node_modules/binaryen/package.json")"
outputs=("$pkg/web/${name}_bg.wasm" "$pkg/node/${name}_bg.wasm" "$pkg/classic/${name}_bg.wasm")
fresh=1
for f in "${outputs[@]}"; do [ -f "$f" ] || fresh=0; done
if [ "$fresh" = 1 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
  echo "wasm package up to date"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$bindgen" --target web --out-dir "$tmp/web" "$raw"
  "$bindgen" --target nodejs --out-dir "$tmp/node" "$raw"
  "$bindgen" --target no-modules --out-dir "$tmp/classic" "$raw"
  # The three targets differ only in their JS glue; optimise the one .wasm once.
  cmp -s "$tmp/web/${name}_bg.wasm" "$tmp/node/${name}_bg.wasm" || { echo "web and node .wasm differ" >&2; exit 1; }
  cmp -s "$tmp/web/${name}_bg.wasm" "$tmp/classic/${name}_bg.wasm" || { echo "web and classic .wasm differ" >&2; exit 1; }
  start=$(date +%s)
  "$wasm_opt" -Oz --converge "$tmp/web/${name}_bg.wasm" -o "$tmp/opt.wasm"
  echo "wasm-opt -Oz --converge: $(stat -c %s "$tmp/web/${name}_bg.wasm") -> $(stat -c %s "$tmp/opt.wasm") bytes in $(( $(date +%s) - start )) s"
  for t in web node classic; do cp "$tmp/opt.wasm" "$tmp/$t/${name}_bg.wasm"; done
  rm -rf "$pkg/web" "$pkg/node" "$pkg/classic"
  mkdir -p "$pkg"
  mv "$tmp/web" "$tmp/node" "$tmp/classic" "$pkg/"
  echo "$sum" > "$stamp"
fi

# Package files (cheap; always refreshed so that edits to the templates and types show up).
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$here/npm/package.json" > "$pkg/package.json"
cp "$here/npm/README.md" "$pkg/README.md"
echo '{ "type": "module" }' > "$pkg/web/package.json"
echo '{ "type": "commonjs" }' > "$pkg/node/package.json"
# The TypeScript types, built from schemas/ (not tracked: they cannot drift from the schemas).
node "$here/scripts/schema-to-ts.mjs"
for t in web node classic; do cp "$here/types/giamngheo-types.d.ts" "$pkg/$t/"; done

# The demo page's copy.
www="$here/www/pkg"
mkdir -p "$www/esm"
cp "$pkg/classic/${name}.js" "$pkg/classic/${name}_bg.wasm" "$www/"
cp "$pkg/web/${name}.js" "$pkg/web/${name}_bg.wasm" "$pkg/web/${name}.d.ts" "$pkg/web/giamngheo-types.d.ts" "$www/esm/"
if [ ! -f "$www/${name}_bytes.js" ] || [ "$www/${name}_bg.wasm" -nt "$www/${name}_bytes.js" ]; then
  { printf '// The .wasm as base64, for pages opened from file:// (where fetch() is not allowed). Generated.\nglobalThis.GIAMNGHEO_WASM_BASE64 = "'
    base64 -w0 "$www/${name}_bg.wasm"
    printf '";\n'; } > "$www/${name}_bytes.js"
fi
echo "wasm package: $pkg ($(stat -c %s "$pkg/web/${name}_bg.wasm") bytes .wasm); demo page files: $www"
