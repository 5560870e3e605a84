"""French words and sentences that the generator combines into believable contributions.

Subjects are grouped by the demo themes' slugs (`platform/demo/taxonomy.py`), so that a problem
filed under "mobilité" talks about buses and cycle lanes.
"""

SUBJECTS = {
    "mobilite": [
        "pistes cyclables", "arrêts de bus", "passages piétons", "stationnements vélo",
        "horaires du tram", "trottoirs", "feux tricolores", "places de covoiturage",
    ],
    "proprete": [
        "poubelles de rue", "dépôts sauvages", "bacs de tri", "composteurs de quartier",
        "déjections canines", "mégots", "conteneurs à verre", "tags sur les façades",
    ],
    "demarches": [
        "prises de rendez-vous", "démarches en ligne", "horaires d'accueil", "cartes d'identité",
        "inscriptions scolaires", "actes d'état civil", "formulaires papier", "guichets uniques",
    ],
    "espaces-verts": [
        "arbres d'alignement", "jardins partagés", "aires de jeux", "pelouses",
        "fontaines à boire", "bancs publics", "coins d'ombre", "potagers collectifs",
    ],
    "solidarite": [
        "permanences de santé", "visites aux aînés", "distributions alimentaires",
        "rampes d'accès", "permanences sociales", "lieux contre l'isolement", "cabinets médicaux",
        "places d'hébergement d'urgence",
    ],
    "education": [
        "cantines scolaires", "cours d'école", "activités périscolaires", "bibliothèques",
        "séances de soutien scolaire", "locaux pour les jeunes", "abords des écoles",
        "places en crèche",
    ],
    "culture-sport": [
        "gymnases", "terrains de sport", "créneaux de piscine", "médiathèques",
        "concerts en plein air", "fêtes de quartier", "city stades", "ateliers créatifs",
    ],
    "securite": [
        "éclairages publics", "excès de vitesse", "nuisances sonores", "rodéos urbains",
        "sorties d'école", "immeubles vacants", "carrefours dangereux", "passages souterrains",
    ],
}  # fmt: skip

TITLE_PATTERNS = [
    "Manque de {s} {place}",
    "{S} en mauvais état {place}",
    "{S} : trop d'attente {place}",
    "Améliorer les {s} {place}",
    "Repenser les {s} {place}",
    "Des {s} plus accessibles {place}",
    "{S} mal signalés {place}",
    "{S} saturés le soir {place}",
]

PLACES = [
    "près de la gare", "au centre-ville", "rue Victor-Hugo", "place de la République",
    "avenue Jean-Jaurès", "quai des Docks", "aux Tilleuls", "sur le Plateau",
    "boulevard Pasteur", "près du marché", "à Saint-Roch", "dans la Zone Sud",
    "le long des Rives Nord", "autour du port", "devant la médiathèque", "rue des Écoles",
]  # fmt: skip

OBSERVATIONS = [
    "Chaque matin, les {s} posent problème {place}.",
    "Les habitantes et habitants signalent depuis des mois que les {s} ne suffisent plus.",
    "Depuis les travaux de l'an dernier, les {s} sont devenus difficiles à utiliser.",
    "Les {s} {place} ne correspondent plus aux besoins du quartier.",
    "Plusieurs voisins ont remarqué que les {s} sont souvent hors service.",
    "Le conseil de quartier a déjà évoqué les {s}, sans suite pour l'instant.",
]

EFFECTS = [
    "Les familles avec poussette doivent faire un détour.",
    "Les personnes âgées renoncent à sortir en fin de journée.",
    "Cela crée des tensions entre voisins.",
    "Les enfants sont exposés à des risques inutiles.",
    "Les commerçants disent perdre une partie de leur clientèle.",
    "Beaucoup de gens ne savent pas à qui s'adresser.",
    "On perd un temps précieux chaque semaine.",
]

SUGGESTIONS = [
    "On pourrait tester une solution simple pendant l'été.",
    "Une concertation avec les commerçants serait utile.",
    "Pourquoi ne pas s'inspirer de ce qui marche dans d'autres villes ?",
    "Un premier essai dans une seule rue permettrait de voir ce qui fonctionne.",
    "Les associations du quartier sont prêtes à participer.",
    "Il faudrait d'abord observer les usages à différentes heures.",
]

COMMENTS = [
    "Je confirme, c'est la même chose dans ma rue.",
    "Bonne idée, à condition de prévoir l'entretien.",
    "Nous en avons parlé au conseil de quartier la semaine dernière.",
    "Attention au coût pour la ville, il faut chiffrer.",
    "Tout à fait d'accord, surtout le soir.",
    "J'habite à côté et je ne vois pas le problème, pouvez-vous préciser ?",
    "Mes enfants passent par là tous les jours, c'est urgent.",
    "Il existe déjà un service similaire, mais personne ne le connaît.",
    "Merci d'avoir lancé le sujet !",
    "On pourrait associer les écoles du quartier.",
    "Le problème vient surtout du manque d'information.",
    "Je serais volontaire pour tester une solution.",
]

FIRST_NAMES = [
    "Camille", "Yanis", "Lucía", "Sophie", "Karim", "Léa", "Hugo", "Inès", "Mamadou", "Chloé",
    "Nathan", "Aïcha", "Louise", "Théo", "Fatou", "Jules", "Manon", "Rayan", "Zoé", "Paul",
    "Nour", "Emma", "Malik", "Sarah", "Lucas", "Jeanne", "Adam", "Lina", "Gabriel", "Mei",
]  # fmt: skip

LAST_INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"

QUESTIONS = [
    ("Est-ce facile à utiliser ?", "scale"),
    ("Qu'est-ce qui vous a manqué ?", "text"),
    ("Le recommanderiez-vous à vos voisins ?", "scale"),
]

FEEDBACK_COMMENTS = [
    "Simple et clair, mais les horaires devraient être affichés.",
    "Je n'ai pas compris où aller au début.",
    "Très pratique, à généraliser.",
    "Il faudrait une version en plusieurs langues.",
    "Bien pensé pour les enfants.",
]

METHOD_TITLES = {
    "immersion": "Immersion",
    "observation": "Observation",
    "survey": "Questionnaire",
    "interview": "Entretiens",
    "workshop": "Atelier",
    "prototype_test": "Test du prototype",
    "field_experiment": "Expérimentation",
}
