"""Demo districts and themes of an imaginary large French city, in three languages."""

from sqlalchemy import select

from platform.extensions import db
from platform.taxonomy.models import District, Theme

DEMO_DISTRICTS = [
    ("centre", "Centre-ville", "City centre", "Centro"),
    ("gare", "Quartier de la Gare", "Station district", "Barrio de la Estación"),
    ("port", "Le Port", "The Harbour", "El Puerto"),
    ("plateau", "Le Plateau", "The Plateau", "La Meseta"),
    ("rives-nord", "Rives Nord", "North Banks", "Orillas Norte"),
    ("saint-roch", "Saint-Roch", "Saint-Roch", "San Roque"),
    ("les-tilleuls", "Les Tilleuls", "Les Tilleuls", "Los Tilos"),
    ("zone-sud", "Zone Sud", "South Zone", "Zona Sur"),
]


def seed_districts():
    """Add the demo districts that are missing; return them all, in order."""
    return _seed(District, DEMO_DISTRICTS)


DEMO_THEMES = [
    ("mobilite", "Mobilité et transports", "Mobility and transport", "Movilidad y transporte"),
    ("proprete", "Propreté et déchets", "Cleanliness and waste", "Limpieza y residuos"),
    (
        "demarches",
        "Démarches administratives",
        "Administrative procedures",
        "Trámites administrativos",
    ),
    (
        "espaces-verts",
        "Espaces verts et nature",
        "Green spaces and nature",
        "Espacios verdes y naturaleza",
    ),
    ("solidarite", "Solidarité et santé", "Solidarity and health", "Solidaridad y salud"),
    ("education", "Éducation et jeunesse", "Education and youth", "Educación y juventud"),
    ("culture-sport", "Culture et sport", "Culture and sport", "Cultura y deporte"),
    ("securite", "Tranquillité publique", "Public safety", "Seguridad pública"),
]


def _seed(model, rows):
    """Add the rows whose slug is missing; return every row, in the order of `rows`."""
    existing = {row.slug: row for row in db.session.scalars(select(model))}
    for position, (slug, fr, en, es) in enumerate(rows):
        if slug not in existing:
            existing[slug] = model(slug=slug, name_fr=fr, name_en=en, name_es=es, position=position)
            db.session.add(existing[slug])
    db.session.flush()
    return [existing[slug] for slug, *_ in rows]


def seed_themes():
    """Add the demo themes that are missing; return them all, in order."""
    return _seed(Theme, DEMO_THEMES)
