"""Trim the ICU data library Qt ships (Linux): ~31 MB down to ~16 MB, keeping all Qt uses.

Qt links ICU for exactly four services (its dynamic symbol table imports only ``u_strTo*``,
``ucal_*``, ``ucnv_*`` and ``ucol_*``): locale-aware case mapping, time zone ids and names,
legacy text codecs and collation. ICU's data file also carries data only other ICU
services read: break-iterator rules and dictionaries (Qt breaks text with its own tables),
unit, currency, language and region display names, transliteration, rule-based number
formats and stringprep profiles. Those items are removed; everything the four services
read (locale bundles, ``coll/``, ``zone/``, ``zoneinfo64``, converters, ``*.icu``,
normalization) stays. ``audience_desktop.smoke`` checks collation, Turkish upper-casing,
a time zone name and a Shift_JIS decoder in the frozen app.

How: the data is one exported symbol, ``icudt<NN>_dat``, in ``libicudata.so.<NN>``. Cut it
out of the ELF file, remove items with ``icupkg`` (Debian: ``icu-devtools``), and wrap the
result in a new shared library with binutils' ``as`` and ``ld`` (same soname, same symbol).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Item name patterns (as ``icupkg -l`` prints them) no Qt code path reads.
REMOVED_ITEMS = re.compile(r"^(?:brkitr|unit|curr|lang|region|translit|rbnf)/|\.spp$")
TOOLS = ("icupkg", "as", "ld")


class IcuTrimError(RuntimeError):
    pass


@dataclass(frozen=True)
class TrimResult:
    path: Path
    bytes_before: int
    bytes_after: int
    items_before: int
    items_removed: int


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def is_icu_data_library(name: str) -> bool:
    return re.fullmatch(r"libicudata\.so\.\d+", Path(name).name) is not None


def find_data_symbol(elf: bytes) -> tuple[str, int, int]:
    """(symbol name, file offset, size) of ``icudt<NN>_dat`` in a 64-bit little-endian ELF."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise IcuTrimError("not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = []
    for i in range(shnum):
        _name, kind, _flags, addr, offset, size, link, _info, _align, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", elf, shoff + i * shentsize
        )
        sections.append((kind, addr, offset, size, link, entsize))
    for kind, _addr, offset, size, link, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][2]
        for pos in range(offset, offset + size, entsize):
            st_name, _info, _other, shndx, value, st_size = struct.unpack_from("<IBBHQQ", elf, pos)
            end = elf.index(b"\0", strtab + st_name)
            symbol = elf[strtab + st_name : end].decode()
            if re.fullmatch(r"icudt\d+_dat", symbol) and 0 < shndx < len(sections):
                _k, sec_addr, sec_offset, *_ = sections[shndx]
                return symbol, value - sec_addr + sec_offset, st_size
    raise IcuTrimError("no icudt<NN>_dat symbol found")


def _run(*command: str, cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise IcuTrimError(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return done.stdout


def trim(library: Path, out_dir: Path) -> TrimResult:
    """Write a trimmed copy of ``library`` into ``out_dir`` (same file name)."""
    missing = missing_tools()
    if missing:
        raise IcuTrimError(f"missing {', '.join(missing)}: apt-get install icu-devtools binutils")
    elf = library.read_bytes()
    symbol, offset, size = find_data_symbol(elf)
    soname = library.name
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trim-icu-", dir=out_dir) as tmp:
        work = Path(tmp)
        full = f"{symbol[: -len('_dat')]}l.dat"  # icupkg wants the package's own name
        (work / full).write_bytes(elf[offset : offset + size])
        items = _run("icupkg", "-l", full, cwd=work).split()
        removed = [item for item in items if REMOVED_ITEMS.search(item)]
        (work / "remove.txt").write_text("\n".join(removed) + "\n")
        # icupkg names the items after the output file: it must keep the package's name
        (work / "trimmed").mkdir()
        trimmed = f"trimmed/{full}"
        _run("icupkg", "-r", "remove.txt", full, trimmed, cwd=work)
        left = _run("icupkg", "-l", trimmed, cwd=work).split()
        if len(left) != len(items) - len(removed):
            raise IcuTrimError(
                f"icupkg kept {len(left)} items, expected {len(items) - len(removed)}"
            )
        (work / "data.s").write_text(
            "\t.section .rodata\n"
            "\t.balign 16\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            f"{symbol}:\n"
            f'\t.incbin "{trimmed}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        _run("as", "-o", "data.o", "data.s", cwd=work)
        target = out_dir / soname
        _run("ld", "-shared", "-soname", soname, "-z", "noexecstack", "-o", str(target),
             "data.o", cwd=work)  # fmt: skip
        check_symbol, _, check_size = find_data_symbol(target.read_bytes())
        if check_symbol != symbol or check_size != (work / trimmed).stat().st_size:
            raise IcuTrimError("the rebuilt library does not export the data as expected")
    return TrimResult(target, len(elf), target.stat().st_size, len(items), len(removed))


if __name__ == "__main__":
    import sys

    result = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(
        f"{result.path}: {result.bytes_before / 1e6:.1f} MB -> {result.bytes_after / 1e6:.1f} MB,"
        f" {result.items_removed} of {result.items_before} items removed"
    )
