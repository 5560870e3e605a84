"""Reference data named in French, English and Spanish."""

from flask_babel import get_locale
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from platform.extensions import db


class NamedInEveryLanguage:
    """Columns and accessor for a name given in each of the platform's languages."""

    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_fr: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    name_es: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(default=0)

    @property
    def name(self):
        """The name in the current language."""
        return getattr(self, f"name_{get_locale().language}", None) or self.name_fr


class District(NamedInEveryLanguage, db.Model):
    __tablename__ = "district"

    id: Mapped[int] = mapped_column(primary_key=True)

    def __repr__(self):
        return f"<District {self.slug}>"


class Theme(NamedInEveryLanguage, db.Model):
    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)

    def __repr__(self):
        return f"<Theme {self.slug}>"
