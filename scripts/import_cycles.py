#!/usr/bin/env python3
"""Import circles among the modules of src/.

Reads every `crate::…` and `super::…` path in src/**/*.rs (in `use` lines and in code), resolves
each to the module file it names, and prints the groups of modules that depend on each other in
a circle, at two levels:

- top-level modules (`config`, `rules`, `lint`…), each with everything below it;
- the files of one top-level module among themselves (`structure/outline.rs` and
  `structure/style.rs`…).

    scripts/import_cycles.py          # exit 0 when there is no circle, 1 when there is

Test modules (`#[cfg(test)] mod tests`) are left out: they may use anything.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super)::\{([^}]*)\}")


def module_of(path: Path) -> tuple:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def without_tests(text: str) -> str:
    """The code, without test modules and without comments (doc links are not imports)."""
    at = text.find("#[cfg(test)]")
    code = text if at < 0 else text[:at]
    return re.sub(r"//[^\n]*", "", code)


def resolve(segments: tuple, modules: set) -> tuple:
    """The longest prefix of `segments` that is a module."""
    for end in range(len(segments), 0, -1):
        if segments[:end] in modules:
            return segments[:end]
    return ()


def edges(files: dict, modules: set) -> dict:
    graph = {m: set() for m in modules}
    for module, text in files.items():
        code = without_tests(text)
        paths = [(root, rest) for root, rest in PATH.findall(code)]
        for root, inner in GROUP.findall(code):
            for item in inner.split(","):
                item = item.strip().split(" as ")[0].strip()
                if item and item != "self":
                    paths.append((root, "::" + item.replace("{", "").replace("}", "")))
        for root, rest in paths:
            segments = tuple(s for s in rest.split("::") if s)
            if root == "crate":
                target = resolve(segments, modules)
            else:
                # `super::` from a file's module is its parent (a `mod.rs`'s parent is its own
                # parent module too: `super` is relative to the module, not the file).
                parent = module[:-1]
                while segments and segments[0] == "super":
                    parent = parent[:-1]
                    segments = segments[1:]
                target = resolve(parent + segments, modules) or parent
            if target and target != module:
                graph[module].add(target)
    return graph


def strongly_connected(graph: dict) -> list:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def collapse(graph: dict, key) -> dict:
    out = {}
    for v, targets in graph.items():
        out.setdefault(key(v), set())
        for w in targets:
            if key(w) != key(v):
                out[key(v)].add(key(w))
    return out


def main() -> int:
    files = {module_of(p): p.read_text(encoding="utf-8") for p in SRC.rglob("*.rs")}
    modules = set(files)
    graph = edges(files, modules)
    circles = []
    top = collapse({v: t for v, t in graph.items() if v}, lambda m: m[:1])
    for group in strongly_connected(top):
        circles.append(("modules", group))
    for parent in sorted({m[:1] for m in modules if len(m) > 1}):
        inner = {
            v: {w for w in t if w[:1] == parent and len(w) > 1}
            for v, t in graph.items()
            if v[:1] == parent and len(v) > 1
        }
        for group in strongly_connected(collapse(inner, lambda m: m[:2])):
            circles.append((f"files of {parent[0]}/", group))
    for level, group in circles:
        names = ", ".join("::".join(m) for m in group)
        print(f"circle among {level}: {names}")
    if not circles:
        print("no import circle")
    return 1 if circles else 0


if __name__ == "__main__":
    sys.exit(main())
