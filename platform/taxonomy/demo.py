"""Demo districts of an imaginary large French city."""

from sqlalchemy import select

from platform.extensions import db
from platform.taxonomy.models import District

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
    existing = {d.slug: d for d in db.session.scalars(select(District))}
    for position, (slug, fr, en, es) in enumerate(DEMO_DISTRICTS):
        if slug not in existing:
            existing[slug] = District(
                slug=slug, name_fr=fr, name_en=en, name_es=es, position=position
            )
            db.session.add(existing[slug])
    db.session.flush()
    return [existing[slug] for slug, *_ in DEMO_DISTRICTS]
