"""A plain progress bar on stderr for the HSDS commands."""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    """``bar(stage, done, total)``: redraws one line on a terminal; elsewhere
    (logs, pipes) prints a line per stage at 0, 25, 50, 75 and 100 %."""

    WIDTH = 30
    # Steps with fewer items finish too fast to be worth a line.
    SMALL = 2000

    def __init__(self, stream: TextIO, *, enabled: bool = True) -> None:
        self.stream = stream
        self.enabled = enabled
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.stage = ""
        self.step = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < self.SMALL:
            return
        share = done / total if total else 1.0
        if stage != self.stage:
            if self.tty and self.stage:
                self.stream.write("\n")
            self.stage, self.step = stage, -1
        if self.tty:
            filled = round(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{stage}: [{bar}] {share:4.0%} ({done}/{total})")
            if done >= total:
                self.stream.write("\n")
                self.stage = ""
            self.stream.flush()
            return
        step = int(share * 4)
        if step != self.step:
            self.step = step
            self.stream.write(f"{stage}: {share:.0%} ({done}/{total})\n")
