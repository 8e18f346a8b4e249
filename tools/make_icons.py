#!/usr/bin/env python3
"""Renders assets/icons/scorecard-studio.svg to the PNG sizes desktops look up
(hicolor/NxN/apps). Needs `pip install resvg-py` (resvg, the renderer the app itself uses)."""
import pathlib
import resvg_py

ROOT = pathlib.Path(__file__).resolve().parent.parent
SVG = ROOT / "assets" / "icons" / "scorecard-studio.svg"
for size in (16, 24, 32, 48, 64, 128, 256, 512):
    out = ROOT / "assets" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "scorecard-studio.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(bytes(resvg_py.svg_to_bytes(svg_path=str(SVG), width=size, height=size)))
    print(out.relative_to(ROOT))
