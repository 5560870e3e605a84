"""The demo surveys as the lab wrote them, in French, for `platform.demo.surveys`.

Each question: (kind, prompt, options, extra); extra may hold rows (matrix), is_required,
has_other, max_choices, scale (low, high), low_label, high_label, help_text, and condition:
(index of an earlier question of the survey, [labels of its options]).
"""

from platform.ideas.models import ProblemStatus

# fmt: off
CANTEEN = {
    "problem": (ProblemStatus.EXPERIMENTING, "cantine"),
    "title": "Les repas de la cantine scolaire : votre avis",
    "introduction": (
        "La cuisine centrale teste depuis la rentrée des menus affichés à l'avance et des "
        "portions à la demande. Avant de décider de la suite, le lab veut savoir ce que vous en "
        "pensez, parents comme enfants.\n\n"
        "Comptez **cinq minutes**. Vos réponses restent modifiables jusqu'à la fermeture de "
        "l'enquête ; les résultats seront publiés ici."
    ),
    "anonymous": False,
    "sections": [
        ("Vous et la cantine", "", [
            ("single_choice", "Votre enfant mange-t-il à la cantine ?",
             ["Tous les jours", "Certains jours", "Jamais"], {"is_required": True}),
            ("multiple_choice", "Qu'est-ce qui compte le plus pour vous ?",
             ["Le goût", "Les produits locaux", "Les quantités", "Le temps pour manger",
              "Le calme"],
             {"max_choices": 2, "has_other": True, "help_text": "Deux réponses au plus."}),
        ]),
        ("Les repas", "Ces questions concernent les enfants qui mangent à la cantine.", [
            ("scale", "Votre enfant apprécie-t-il les repas ?", [],
             {"scale": (0, 10), "low_label": "Pas du tout", "high_label": "Beaucoup",
              "condition": (0, ["Tous les jours", "Certains jours"])}),
            ("ranking", "Classez ces idées, de la plus utile à la moins utile",
             ["Le menu affiché une semaine à l'avance", "Les portions à la demande",
              "Un repas végétarien chaque jour", "Une table de tri des déchets"],
             {"condition": (0, ["Tous les jours", "Certains jours"])}),
        ]),
        ("Pour finir", "", [
            ("matrix", "Comment jugez-vous la cantine ?",
             ["Mauvais", "Moyen", "Bon", "Très bon"],
             {"rows": ["La qualité des repas", "La variété", "L'accueil des enfants"]}),
            ("long_text", "Une idée pour améliorer la cantine ?", [],
             {"help_text": "Facultatif. N'écrivez pas le nom de votre enfant."}),
        ]),
    ],
}

ID_CARD = {
    "problem": (ProblemStatus.EXPERIMENTING, "carte d'identité"),
    "title": "Prendre rendez-vous pour une carte d'identité",
    "introduction": (
        "Trois mois d'attente pour un rendez-vous : vous avez été nombreux à le signaler. Avant "
        "de tester un nouveau système de réservation, le lab a voulu mesurer l'attente réelle "
        "et savoir quels créneaux vous conviendraient.\n\nLes réponses sont **anonymes**."
    ),
    "anonymous": True,
    "results_note": (
        "Vous avez été plus de deux cents à répondre, merci. L'attente dépasse un mois pour la "
        "moitié d'entre vous, et les créneaux après 18 h sont de loin les plus demandés. Le "
        "prototype de réservation qui sera testé au printemps ouvrira donc des rendez-vous le "
        "mardi et le jeudi soir, dans les trois mairies annexes."
    ),
    "sections": [
        ("Votre dernier rendez-vous", "", [
            ("single_choice", "Comment avez-vous pris votre dernier rendez-vous ?",
             ["En ligne", "Par téléphone", "Au guichet"],
             {"is_required": True, "has_other": True}),
            ("number", "Combien de jours avez-vous attendu ?", [],
             {"help_text": "Entre la prise du rendez-vous et le rendez-vous lui-même."}),
        ]),
        ("Ce qui vous conviendrait", "", [
            ("multiple_choice", "Quels créneaux vous conviendraient ?",
             ["Tôt le matin (8 h – 9 h)", "À la pause déjeuner", "Après 18 h",
              "Le samedi matin"], {}),
            ("scale", "La prise de rendez-vous a-t-elle été facile ?", [],
             {"scale": (1, 5), "low_label": "Très difficile", "high_label": "Très facile"}),
            ("short_text", "Votre expérience, en quelques mots ?", [], {}),
            ("long_text", "Que faudrait-il changer en priorité ?", [], {}),
        ]),
    ],
}

ELEVATOR = {
    "problem": (ProblemStatus.SELECTED, "ascenseur"),
    "title": "L'accès à la mairie annexe quand l'ascenseur est en panne",
    "introduction": "Brouillon : questions à relire avec l'association des usagers.",
    "anonymous": False,
    "sections": [
        ("Votre venue", "", [
            ("single_choice", "Êtes-vous déjà venu quand l'ascenseur était en panne ?",
             ["Oui", "Non"], {"is_required": True}),
            ("long_text", "Comment avez-vous été reçu ?", [],
             {"condition": (0, ["Oui"])}),
        ]),
    ],
}

# Free answers the generated respondents give, by the prompt of the question.
ANSWERS = {
    "Une idée pour améliorer la cantine ?": [
        "Laisser un peu plus de temps aux petits pour finir leur assiette.",
        "Des menus affichés aussi sur le site de l'école, pas seulement à l'entrée.",
        "Moins de bruit : des panneaux au plafond feraient une vraie différence.",
        "Proposer une alternative quand le plat principal est du poisson.",
        "Le pain du boulanger du quartier, comme avant.",
    ],
    "Votre expérience, en quelques mots ?": [
        "Interminable", "Très long", "Correct", "Un parcours du combattant", "Rapide au guichet",
        "Décourageant", "Simple en ligne", "Impossible par téléphone",
    ],
    "Que faudrait-il changer en priorité ?": [
        "Ouvrir des créneaux le soir : je ne peux pas quitter le travail en journée.",
        "Prévenir par SMS quand un créneau se libère, au lieu de réessayer chaque matin.",
        "Voir les créneaux de toutes les mairies annexes sur une seule page.",
        "Garder des rendez-vous au guichet pour ceux qui n'ont pas internet.",
        "Un numéro de téléphone qui réponde vraiment.",
        "Pouvoir déposer le dossier en ligne et ne venir que pour les empreintes.",
    ],
    "other": ["Par une association", "Par mon employeur", "Aux Restos du cœur"],
}
# The quotations the lab published, among the answers above.
QUOTED = {
    "Ouvrir des créneaux le soir : je ne peux pas quitter le travail en journée.",
    "Garder des rendez-vous au guichet pour ceux qui n'ont pas internet.",
    "Un parcours du combattant",
}
# fmt: on
