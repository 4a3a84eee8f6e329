"""What the chart tests share: a view's scene laid out at a size, closed after the test."""

from __future__ import annotations

import pytest

from gapradar.chart.canvases import ViewCanvas
from gapradar.chart.view_spec import ViewSpec


@pytest.fixture
def laid_out(qapp):
    made = []

    def lay(spec: ViewSpec, w: int = 1280, h: int = 720):
        canvas = ViewCanvas(spec)
        canvas.set_spec(spec)
        canvas.lay_out(w, h)
        made.append(canvas)
        return canvas.scene_item

    yield lay
    for c in made:
        c.close()
