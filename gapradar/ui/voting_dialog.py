"""Where the voting server listens: the network the phones are on, and a port.

Only the chosen address is bound, never all of them. 127.0.0.1 keeps voting on
this computer (for trying it out); the others are this computer's own networks.
"""

from __future__ import annotations

from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QNetworkInterface
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from gapradar.ui.paths import settings

LOCAL = "127.0.0.1"


def addresses() -> list[tuple[str, str]]:
    """(address, what it is) for this computer's IPv4 networks, the room's likely one first."""
    found: list[tuple[str, str]] = []
    for iface in QNetworkInterface.allInterfaces():
        flags = iface.flags()
        if not (
            flags & QNetworkInterface.InterfaceFlag.IsUp and flags & QNetworkInterface.InterfaceFlag.IsRunning
        ):
            continue
        for entry in iface.addressEntries():
            ip: QHostAddress = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol or ip.isLoopback():
                continue
            found.append((ip.toString(), iface.humanReadableName()))
    found.append((LOCAL, "this computer only"))
    return found


class VotingDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start room voting")
        self.setObjectName("votingDialog")
        form = QFormLayout(self)
        intro = QLabel(
            "Phones in the room open a page served by this computer. Nothing leaves it but the page "
            "and the practice on screen; no internet is needed."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.address = QComboBox()
        self.address.setObjectName("votingAddress")
        saved = str(settings().value("voting/address", ""))
        for ip, name in addresses():
            self.address.addItem(f"{ip}  ({name})", ip)
        index = self.address.findData(saved)
        if index >= 0:
            self.address.setCurrentIndex(index)
        form.addRow("Network:", self.address)
        self.port = QSpinBox()
        self.port.setObjectName("votingPort")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText("any free port")
        self.port.setValue(int(str(settings().value("voting/port", 0)) or 0))
        form.addRow("Port:", self.port)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start voting")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[str, int]:
        return str(self.address.currentData()), self.port.value()


def choose_address(parent: QWidget) -> tuple[str, int] | None:
    dialog = VotingDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    host, port = dialog.choice()
    settings().setValue("voting/address", host)
    settings().setValue("voting/port", port)
    return host, port
