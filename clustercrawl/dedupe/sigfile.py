"""MinHash signatures on disk: memory stays bounded however many posts a run groups.

256 bytes a post is 2.5 GB at ten million posts, more than everything else grouping keeps.
The run's signatures are appended row by row as batches are hashed; :meth:`seal` then
writes a column-major copy, because LSH and template detection read one bin of every post
at a time (a column is a single contiguous read of 2 bytes a post). Reads go through
``os.pread`` into ordinary buffers, not a memory map: mapped pages would count as the
process's resident memory once touched, and a band pass touches all of them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import numpy.typing as npt

from clustercrawl.dedupe.minhash import NUM_BINS

__all__ = ["SignatureFile"]

_ROW = NUM_BINS * 2  # bytes of one signature
_CHUNK_ROWS = 1 << 15  # rows transposed at a time when sealing: 8 MB


class SignatureFile:
    """Append-only signature matrix on disk, read by column (or by row) once sealed.

    Files live in a private temporary directory (``directory`` chooses where: a disk, not a
    RAM-backed /tmp, for large runs) and go when the object is closed or collected.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="clustercrawl-sig-", dir=directory)
        base = Path(self._tmp.name)
        self._rows = os.open(base / "rows.u16", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        self._cols = os.open(base / "cols.u16", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        self.count = 0
        self.sealed = False
        self._open = True

    @property
    def shape(self) -> tuple[int, int]:
        return (self.count, NUM_BINS)

    def append(self, sig: npt.NDArray[np.uint16]) -> None:
        """Add rows (uint16[m, NUM_BINS]) at the end."""
        if self.sealed:
            raise RuntimeError("signature file already sealed")
        data = np.ascontiguousarray(sig, dtype="<u2").tobytes()
        _pwrite_all(self._rows, data, self.count * _ROW)
        self.count += sig.shape[0]

    def seal(self) -> None:
        """Write the column-major copy; no more rows after this."""
        if self.sealed:
            return
        self.sealed = True
        n = self.count
        for lo in range(0, n, _CHUNK_ROWS):
            rows = self.rows_between(lo, min(n, lo + _CHUNK_ROWS))
            columns = np.ascontiguousarray(rows.T)
            for col in range(NUM_BINS):
                _pwrite_all(self._cols, columns[col].tobytes(), (col * n + lo) * 2)

    def column(self, col: int) -> npt.NDArray[np.uint16]:
        """Bin ``col`` of every row (a fresh array)."""
        if not self.sealed:
            self.seal()
        return _pread_array(self._cols, self.count * 2, col * self.count * 2, (self.count,))

    def rows_between(self, lo: int, hi: int) -> npt.NDArray[np.uint16]:
        """Rows ``lo..hi-1`` as uint16[hi - lo, NUM_BINS]."""
        return _pread_array(self._rows, (hi - lo) * _ROW, lo * _ROW, (hi - lo, NUM_BINS))

    def row_bytes(self, row: int) -> bytes:
        """One signature as little-endian bytes, as stores keep it."""
        return os.pread(self._rows, _ROW, row * _ROW)

    def disk_bytes(self) -> int:
        return os.fstat(self._rows).st_size + os.fstat(self._cols).st_size

    def close(self) -> None:
        if getattr(self, "_open", False):
            self._open = False
            os.close(self._rows)
            os.close(self._cols)
            self._tmp.cleanup()

    def __del__(self) -> None:
        self.close()


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written


def _pread_array(fd: int, size: int, offset: int, shape: tuple[int, ...]
                 ) -> npt.NDArray[np.uint16]:
    out = np.empty(shape, dtype="<u2")
    view = memoryview(out.data).cast("B")
    done = 0
    while done < size:
        got = os.preadv(fd, [view[done:]], offset + done)
        if got <= 0:
            raise OSError(f"signature file ended early at byte {offset + done}")
        done += got
    return out.astype(np.uint16, copy=False)
