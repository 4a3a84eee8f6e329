"""One chart, any size: lay the shared radar scene out at the output's pixel size, then paint it.

pyqtgraph's own exporters are not used: its SVGExporter raises on Qt 6.12 and
its ImageExporter ties height to width and writes no DPI. Laying the scene out
at the target size (rather than scaling a screen-sized one) keeps pens, markers
and fonts proportional, so a 3840-pixel export is a sharp 1280-pixel one.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES
from gapradar.chart.titles import display_title
from gapradar.chart.view_spec import AnySpec

if TYPE_CHECKING:  # Qt is imported on first use, so the CLI starts without it
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPaintDevice, QPainter, QTransform


def ensure_app(headless: bool = True):
    """gapradar's QApplication, made once; with `headless`, offscreen when there is no display."""
    if (
        headless
        and sys.platform.startswith("linux")
        and not (
            os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")
        )
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "gapradar"])
        app.setOrganizationName("gapradar")  # QSettings and QStandardPaths use these
        app.setApplicationName("gapradar")
        app.setApplicationDisplayName("gapradar")
    return app


MAX_OVERLAID = 200
"""Systems one overlaid chart draws at most: past a few dozen the lines are a blur, and thousands
take minutes to paint. Exports refuse more and point to charts per system and the tables."""


def overlaid_systems(spec: ChartSpec) -> int:
    """How many systems a chart of `spec` overlays (none in focus view: one system's chart)."""
    if spec.focus is not None:
        return 0
    return len(set(spec.checked) & set(spec.assessment.system_names()))


Spec = TypeVar("Spec", bound=AnySpec)


@dataclass(frozen=True)
class ExportOptions:
    width: int = 1920
    height: int = 1080
    dpi: int = 96
    transparent: bool = False
    theme: str = "print"  # or "current": keep the spec's own theme
    title: bool = True
    title_text: str | None = None  # None: the file's title (a system's chart adds its name)
    subtitle: str = ""
    legend: bool = True
    font_scale: float = 1.0

    def apply(self, spec: Spec) -> Spec:
        theme = spec.theme if self.theme == "current" else THEMES[self.theme]
        return replace(
            spec,
            theme=theme,
            show_title=self.title,
            title=spec.title if self.title_text is None else self.title_text,
            subtitle=self.subtitle,
            show_legend=self.legend,
            font_scale=self.font_scale,
            selected_practice=None,
            transparent=self.transparent,
        )


class _Canvas:
    """A RadarCanvas laid out at an exact size without ever appearing on screen."""

    def __init__(self, spec: AnySpec, width: int, height: int) -> None:
        from PySide6.QtCore import Qt

        from gapradar.chart.canvases import canvas_for

        ensure_app()
        self.view = canvas_for(spec)  # the radar's canvas, or the heatmap's, gap chart's…
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.resize(width, height)
        self.view.set_spec(spec)
        self.view.show()
        self.view.lay_out(width, height)
        self.width, self.height = width, height

    def paint(self, painter: QPainter) -> None:
        from PySide6.QtCore import QRectF

        scene = self.view.scene()
        items = [i for i in scene.items() if hasattr(i, "setExportMode")]
        opts = {"antialias": True, "background": None, "painter": painter}
        for item in items:
            item.setExportMode(True, opts)  # markers as vector paths, not cached pixmaps
        try:
            source = self._source()
            scene.render(painter, QRectF(0, 0, self.width, self.height), source)
        finally:
            for item in items:
                item.setExportMode(False, opts)

    def _source(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    def to_output(self) -> QTransform:
        """Scene coordinates -> output pixels, exactly as `paint` maps them."""
        from PySide6.QtGui import QTransform

        source = self._source()
        return QTransform.fromTranslate(-source.x(), -source.y()) * QTransform.fromScale(
            self.width / source.width(), self.height / source.height()
        )

    def items_bottom_up(self) -> list:
        """The chart's items in painting order, bottom first (the view's own frame left out)."""
        from PySide6.QtCore import Qt

        self.view.view_box.updateMatrix()
        self.view.scene().prepareForPaint()  # text items take their place for the current view
        group = self.view.view_box.childGroup
        items = self.view.scene().items(Qt.SortOrder.AscendingOrder)
        return [i for i in items if group.isAncestorOf(i)]

    def close(self) -> None:
        """Free the view, its scene and every item painted, now.

        `deleteLater` alone waits for an event loop, which a command-line export
        never runs: each chart's items would stay alive until the process ends.
        """
        from PySide6.QtCore import QCoreApplication, QEvent, QThread

        self.view.close()
        self.view.deleteLater()
        if QThread.currentThread().loopLevel() == 0:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def chart_image(spec: AnySpec, options: ExportOptions) -> QImage:
    """The chart as a QImage of exactly width × height pixels, with its DPI set."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    spec = options.apply(spec)
    canvas = _Canvas(spec, options.width, options.height)
    opaque = not options.transparent  # no alpha channel to paint, convert or encode
    image = QImage(
        options.width,
        options.height,
        QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent if options.transparent else QColor(spec.theme.background))
    dots_per_metre = round(options.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    try:
        canvas.paint(painter)
    finally:
        painter.end()
        canvas.close()
    return image


PNG_QUALITY = 80  # Qt maps this to a light zlib level: files ~5% larger, saved ~35% faster


def export_png(spec: AnySpec, path: str, options: ExportOptions) -> None:
    image = chart_image(spec, options)
    # PySide6's stub types the format as bytes; at run time only str is accepted.
    if not image.save(str(path), "PNG", PNG_QUALITY):  # type: ignore[call-overload]
        raise OSError(f"could not write {path}")


def _paint_onto(device: QPaintDevice, spec: AnySpec, options: ExportOptions, path: str) -> None:
    """Lay the scene out at the output's size and paint it onto a vector device (SVG, PDF)."""
    from PySide6.QtGui import QColor, QPainter

    canvas = _Canvas(spec, options.width, options.height)
    painter = QPainter()
    try:
        if not painter.begin(device):
            raise OSError(f"could not write {path}")
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        if not options.transparent:
            painter.fillRect(0, 0, options.width, options.height, QColor(spec.theme.background))
        canvas.paint(painter)
    finally:
        if painter.isActive():
            painter.end()
        canvas.close()


def svg_bytes(spec: AnySpec, options: ExportOptions) -> bytes:
    """The chart as SVG in output pixels: text as <text>, shapes as paths, no bitmaps."""
    from gapradar.export.svg_writer import scene_svg

    spec = options.apply(spec)
    canvas = _Canvas(spec, options.width, options.height)
    try:
        items, to_output = canvas.items_bottom_up(), canvas.to_output()
        return scene_svg(
            items,
            to_output,
            options.width,
            options.height,
            None if options.transparent else spec.theme.background,
            display_title(spec) or "gapradar chart",
        )
    finally:
        canvas.close()


def export_svg(spec: AnySpec, path: str, options: ExportOptions) -> None:
    """SVG that librsvg, browsers, Inkscape and LibreOffice draw alike (see export/svg_writer.py)."""
    write_bytes(path, svg_bytes(spec, options))


def write_bytes(path: str, data: bytes) -> None:
    """Every byte-producing export ends here: written all or nothing, by the one safe writer."""
    from gapradar.io.atomic import atomic_write_bytes

    atomic_write_bytes(path, data)


def export_pdf(spec: AnySpec, path: str, options: ExportOptions) -> None:
    """A one-page PDF exactly the chart's size at the given DPI, fonts embedded."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    spec = options.apply(spec)
    writer = QPdfWriter(str(path))
    writer.setResolution(options.dpi)
    size_mm = QSizeF(options.width / options.dpi * 25.4, options.height / options.dpi * 25.4)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size_mm, QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(display_title(spec) or "gapradar chart")
    writer.setCreator("gapradar")
    _paint_onto(writer, spec, options, path)


def png_bytes(image: QImage) -> bytes:
    """A QImage as PNG file bytes (clipboard, slide decks)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", PNG_QUALITY)  # type: ignore[call-overload]  # str format, as in export_png
    buffer.close()
    return bytes(data.data())  # data() is bytes at run time; the stub allows bytearray and memoryview too


def parse_size(text: str, low: int = 16, high: int = 20000, example: str = "1920x1080") -> tuple[int, int]:
    """ "1920x1080" -> (1920, 1080); ValueError with a plain message otherwise."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size must look like {example}, not {text!r}") from None
    if not (low <= w <= high and low <= h <= high):
        raise ValueError(f"--size must be between {low}x{low} and {high}x{high} pixels")
    return w, h


WRITERS = {"png": export_png, "svg": export_svg, "pdf": export_pdf}
