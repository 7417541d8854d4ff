"""Which local catalogue product a shared product is.

The same product across installations: the same vendor, product and version (compared
without regard to case and runs of spaces), and — when
both sides have one — the same UDI and the same certificate number. A UDI on both sides
that agrees identifies the product even if the names were typed differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

K = TypeVar("K")


def norm(text: Any) -> str:
    return " ".join(str(text or "").split()).casefold()


@dataclass(frozen=True)
class ProductKey:
    vendor: str
    product: str
    version: str
    udi: str = ""
    certificate: str = ""

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> ProductKey:
        return cls(
            norm(data.get("vendor")),
            norm(data.get("product")),
            norm(data.get("version")),
            norm(data.get("udi")),
            norm(data.get("certificate_number")),
        )

    def conflicts(self, other: ProductKey) -> bool:
        """Both have a UDI (or a certificate number) and they differ."""
        return bool(
            (self.udi and other.udi and self.udi != other.udi)
            or (self.certificate and other.certificate and self.certificate != other.certificate)
        )

    def same(self, other: ProductKey) -> bool:
        if self.conflicts(other):
            return False
        if self.udi and self.udi == other.udi:
            return True
        return (self.vendor, self.product, self.version) == (
            other.vendor,
            other.product,
            other.version,
        )


def match(shared: ProductKey, local: Iterable[tuple[K, ProductKey]]) -> K | None:
    """The first local product (in the order given) that is ``shared``; a UDI match
    wins over a name match."""
    candidates = list(local)
    if shared.udi:
        for key, product in candidates:
            if product.udi == shared.udi and not product.conflicts(shared):
                return key
    for key, product in candidates:
        if shared.same(product):
            return key
    return None
