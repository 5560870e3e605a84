"""The demo prototypes, their versions and their testers' answers, in French."""

from platform.ideas.models import ProblemStatus
from platform.prototypes.models import QuestionKind

SCALE, TEXT = QuestionKind.SCALE, QuestionKind.TEXT

# The data is laid out by hand, one prototype or version per block: the formatter leaves it alone.
# fmt: off

# Scale questions keep the same wording from one version to the next: the comparison chart
# matches them by their text.
SMS_QUESTIONS = [
    ("De 1 à 5, le SMS était-il facile à comprendre ?", SCALE),
    ("De 1 à 5, avez-vous eu le temps de réserver le créneau ?", SCALE),
    ("Qu'est-ce qui vous a manqué dans le message ?", TEXT),
]
POSTER_QUESTIONS = [
    ("De 1 à 5, l'information était-elle facile à trouver ?", SCALE),
    ("De 1 à 5, la date de collecte vous convenait-elle ?", SCALE),
    ("Qu'est-ce qui vous a manqué ?", TEXT),
]

# One prototype per problem the lab works on, found by its status and a few words of its title.
# Dates are in days ago. Per version: its target average rating, its number of testers, the
# free answers by question position and the general comments, each list from the most critical
# to the most positive (they go to the testers in the order of their ratings), and its pictures
# as (heading, lines, font size, alternative text). A discussion is a list of comments:
# (author, days ago, index of the comment answered, text).
PROTOTYPES = [
    {
        "problem": (ProblemStatus.EXPERIMENTING, "carte d'identité"),
        "title": "Alerte SMS quand un rendez-vous pour une carte d'identité se libère",
        "summary": "Recevoir un SMS dès qu'un créneau se libère dans une mairie de la ville, et "
                   "le réserver en répondant au message.",
        "description":
            "Un rendez-vous sur cinq pour une carte d'identité ou un passeport n'est pas honoré, "
            "et le créneau reste le plus souvent vide. Nous testons une alerte : les personnes "
            "inscrites sur la page des rendez-vous reçoivent un SMS dès qu'un créneau se libère "
            "dans l'une des cinq mairies, et le réservent en répondant **OUI**.\n\n"
            "Le test est ouvert à tous pendant la phase d'expérimentation. Après avoir reçu un "
            "SMS, dites-nous s'il était clair et si vous avez eu le temps de réserver.",
        "versions": [
            {
                "days_ago": 219, "target": 3.0, "testers": 12, "questions": SMS_QUESTIONS,
                "answers": {2: [
                    "Je n'ai pas compris « CNI ». J'ai cru à une arnaque et je n'ai pas répondu.",
                    "30 minutes pour répondre, c'est trop court quand on est au travail. Le "
                    "créneau était déjà parti.",
                    "Le nom de la mairie annexe ne me disait rien, il faudrait l'adresse.",
                    "Savoir quels papiers apporter.",
                    "Un lien pour voir le créneau sur le site avant de répondre.",
                    "Rien, c'était clair. J'ai eu mon rendez-vous deux jours après.",
                ]},
                "comments": [
                    "Le message fait un peu peur, on dirait les faux SMS de livraison.",
                    "Ça marche : rendez-vous trois mois plus tôt que prévu !",
                ],
                "images": [(
                    "SMS reçu de la Mairie",
                    ["Mairie : un créneau CNI s'est libéré", "le 12/03 à 9h40, annexe Gare.",
                     "Répondez OUI sous 30 min pour le", "réserver. STOP au 36180"],
                    30,
                    "Capture d'écran du SMS de la première version : « Mairie : un créneau CNI "
                    "s'est libéré le 12/03 à 9h40, annexe Gare. Répondez OUI sous 30 min pour le "
                    "réserver. STOP au 36180 »",
                )],
            },
            {
                "days_ago": 184, "target": 4.3, "testers": 10, "questions": SMS_QUESTIONS,
                "changes":
                    "Suite à vos retours : « carte d'identité » écrit en toutes lettres au lieu "
                    "de « CNI », l'adresse complète de la mairie, et deux heures au lieu de "
                    "30 minutes pour répondre.",
                "answers": {2: [
                    "Reçu à 22 h, je n'ai pas osé répondre si tard. Le créneau était parti le "
                    "lendemain matin.",
                    "Toujours pas la liste des pièces à apporter, j'ai dû chercher sur le site.",
                    "Un rappel la veille : j'ai failli oublier le rendez-vous.",
                    "L'adresse complète, c'est parfait.",
                    "Rien, le message est clair maintenant.",
                ]},
                "comments": ["Beaucoup plus clair que le premier SMS que j'avais reçu."],
            },
            {
                "days_ago": 149, "target": 4.5, "testers": 9,
                "questions": [*SMS_QUESTIONS,
                              ("Le SMS de rappel de la veille vous a-t-il servi ?", TEXT)],
                "changes":
                    "Suite à vos retours : un SMS de rappel la veille du rendez-vous, avec la "
                    "liste des pièces à apporter, et un lien pour ajouter le rendez-vous à son "
                    "agenda.",
                "answers": {
                    2: [
                        "Le lien vers l'agenda ne marche pas sur mon vieux téléphone.",
                        "Le numéro de la mairie, en cas d'empêchement.",
                        "Rien à redire.",
                        "Rien, merci !",
                    ],
                    3: [
                        "Pas vraiment, je l'avais déjà noté.",
                        "Oui, surtout pour la liste : j'avais oublié la photo d'identité.",
                        "Oui, le rendez-vous était pris trois jours avant, j'aurais oublié.",
                        "Oui, très rassurant.",
                    ],
                },
                "comments": [
                    "Mon père de 81 ans s'est débrouillé tout seul, c'est dire si c'est simple.",
                ],
            },
        ],
    },
    {
        "problem": (ProblemStatus.EXPERIMENTING, "cantine"),
        "title": "Réinscription à la cantine en ligne, avec un dossier déjà rempli",
        "summary": "Un formulaire en ligne qui reprend les informations de l'année précédente : "
                   "il ne reste qu'à vérifier, corriger et envoyer.",
        "description":
            "Chaque année, les familles remplissent à la main le même dossier de cantine. Dans "
            "les six écoles pilotes, nous testons un formulaire en ligne qui reprend ce que le "
            "service scolaire sait déjà : enfants, école, allergies, quotient familial. Il suffit "
            "de vérifier chaque rubrique, de corriger ce qui a changé et d'ajouter les "
            "justificatifs en photo.\n\n"
            "Le guichet du service scolaire reste ouvert pour les familles qui préfèrent le "
            "papier ou qui ont besoin d'aide.",
        "versions": [
            {
                "days_ago": 203, "target": 3.8, "testers": 14,
                "questions": [
                    ("De 1 à 5, était-il facile de vérifier et corriger les informations ?",
                     SCALE),
                    ("Combien de temps vous a pris la réinscription ?", TEXT),
                    ("De 1 à 5, étiez-vous sûr que vos justificatifs étaient bien arrivés ?",
                     SCALE),
                    ("Qu'est-ce qui vous a manqué ?", TEXT),
                ],
                "answers": {
                    1: [
                        "Quarante minutes : le site refusait mon attestation CAF en PDF.",
                        "Vingt minutes, mais j'ai dû recommencer après une déconnexion.",
                        "Un quart d'heure, le temps de retrouver mon numéro d'allocataire.",
                        "Dix minutes pour deux enfants, sur mon téléphone.",
                        "Dix minutes.",
                        "Cinq minutes, tout était déjà rempli.",
                    ],
                    3: [
                        "Un e-mail de confirmation : je ne sais toujours pas si mon dossier est "
                        "complet.",
                        "Pouvoir signaler une allergie en cours d'année sans tout refaire.",
                        "Une aide pour les familles qui lisent mal le français.",
                        "Rien, c'est tellement mieux que le papier.",
                        "Rien.",
                    ],
                },
                "comments": [
                    "Sur téléphone, les boutons sont minuscules.",
                    "Enfin ! Merci pour les parents qui travaillent.",
                ],
            },
        ],
    },
    {
        "problem": (ProblemStatus.PROTOTYPING, "encombrants"),
        "title": "Collecte des encombrants à date fixe, annoncée dans les halls",
        "summary": "Plus de rendez-vous à prendre : une affiche dans le hall de chaque immeuble "
                   "annonce la collecte des encombrants, le même jour chaque mois.",
        "description":
            "Avec le service propreté, nous testons dans six résidences de la Zone Sud une "
            "collecte des encombrants à date fixe, le deuxième mardi de chaque mois. Une affiche "
            "dans le hall annonce la date, l'heure à laquelle sortir ses objets et ce qui est "
            "collecté.\n\n"
            "Habitants de ces résidences : dites-nous si vous avez trouvé l'information, si la "
            "date vous convient et ce qui vous a manqué.",
        "versions": [
            {
                "days_ago": 129, "target": 3.0, "testers": 13, "questions": POSTER_QUESTIONS,
                "answers": {2: [
                    "Je n'ai vu l'affiche qu'après la collecte, elle était cachée sous les "
                    "publicités du hall.",
                    "Le texte est trop petit et trop long, on ne trouve pas la date.",
                    "« Le deuxième mardi », il faut sortir un calendrier pour savoir quand "
                    "c'est.",
                    "Savoir si l'électroménager est collecté. J'ai descendu mon frigo pour rien.",
                    "Une version que mes voisins qui lisent mal le français comprennent.",
                    "Rien, ça change tout de ne plus prendre rendez-vous.",
                ]},
                "comments": [
                    "Le mardi je travaille, impossible de descendre un canapé seul la veille.",
                    "Le hall reste propre le reste du mois, c'est déjà ça.",
                ],
                "images": [(
                    "Service propreté : information aux habitants",
                    ["Dans le cadre d'une expérimentation menée par le Lab citoyen",
                     "et le service propreté, une collecte des encombrants aura lieu",
                     "dans votre résidence le deuxième mardi de chaque mois, à partir",
                     "de 7 h. Les objets doivent être déposés la veille après 19 h",
                     "devant le local poubelles. Les déchets non conformes ne seront",
                     "pas enlevés. Renseignements : service propreté, 01 23 45 67 89."],
                    18,
                    "Affiche de la première version : un long paragraphe en petits caractères "
                    "annonçant une collecte des encombrants le deuxième mardi de chaque mois, "
                    "objets à sortir la veille après 19 h.",
                )],
            },
            {
                "days_ago": 93, "target": 4.0, "testers": 11, "questions": POSTER_QUESTIONS,
                "changes":
                    "Suite à vos retours : la date en très gros en haut de l'affiche, un texte "
                    "trois fois plus court, la liste de ce qui est collecté ou non, et une "
                    "affiche posée à hauteur des yeux, près des boîtes aux lettres.",
                "answers": {2: [
                    "Rien n'est prévu pour ceux qui ne peuvent pas porter seuls un meuble.",
                    "Des pictogrammes, pour ceux qui lisent mal.",
                    "Les dates sur le site de la Ville, pour les noter dans mon agenda.",
                    "Rien, c'est lisible depuis la porte d'entrée.",
                    "Rien, je l'ai prise en photo et c'est réglé.",
                ]},
                "comments": ["Bien mieux que la première affiche."],
                "images": [(
                    "COLLECTE DES ENCOMBRANTS",
                    ["Le 2e mardi de chaque mois", "Sortez vos objets la veille après 19 h",
                     "Oui : meubles, matelas, électroménager",
                     "Non : gravats, pneus, déchets verts"],
                    34,
                    "Affiche de la deuxième version : « Collecte des encombrants, le 2e mardi "
                    "de chaque mois » en gros caractères, puis l'heure de sortie des objets et "
                    "ce qui est collecté ou non.",
                )],
            },
        ],
        "discussion": [
            ("olivier", 126, None,
             "Dans ma résidence, l'affiche a été arrachée au bout de deux jours. Un courrier "
             "dans les boîtes aux lettres serait plus sûr."),
            ("sophie", 125, 0,
             "Merci Olivier. Nous en parlons avec le bailleur : un cadre fermé dans le hall "
             "et un rappel dans les boîtes aux lettres pour la prochaine version."),
        ],
    },
    {
        "problem": (ProblemStatus.PROTOTYPING, "école élémentaire"),
        "title": "Rue aux écoles : pas de voitures devant l'école des Tilleuls le matin",
        "summary": "Les jours d'école, la rue Paul-Bert est fermée aux voitures de 8 h 10 à "
                   "8 h 40 pour que les enfants arrivent en sécurité.",
        "description":
            "Devant l'école élémentaire des Tilleuls, le moment le plus dangereux se situe entre "
            "8 h 15 et 8 h 30, quand les parents s'arrêtent en double file. Nous testons la "
            "fermeture de la rue Paul-Bert aux voitures de 8 h 10 à 8 h 40, avec des barrières "
            "posées par un agent de la Ville et des parents volontaires. Les riverains peuvent "
            "toujours sortir de leur garage, au pas.\n\n"
            "Parents, enfants, riverains : racontez-nous vos matinées.",
        "versions": [
            {
                "days_ago": 127, "target": 3.9, "testers": 15,
                "questions": [
                    ("De 1 à 5, vous êtes-vous senti en sécurité devant l'école ?", SCALE),
                    ("De 1 à 5, était-il facile de vous organiser pour déposer les enfants ?",
                     SCALE),
                    ("Que faudrait-il changer avant de rendre la fermeture permanente ?", TEXT),
                ],
                "answers": {2: [
                    "Les voitures se reportent rue des Lilas, qui est encore plus étroite.",
                    "Une voiture a forcé le passage le deuxième jour : il faut des barrières "
                    "plus visibles.",
                    "Riverain, je dois attendre 8 h 40 pour partir au travail. Pénible.",
                    "Un dépose-minute un peu plus loin pour ceux qui viennent de loin.",
                    "La même chose à 16 h 30, à la sortie.",
                    "Rien. Ma fille est venue seule à trottinette pour la première fois.",
                    "Rien, gardez-la ! C'est calme et les enfants arrivent à pied.",
                ]},
                "comments": [
                    "Le principe est bon, mais prévenez les riverains avant de changer l'horaire.",
                    "Les enfants adorent, ils disent bonjour aux barrières.",
                ],
            },
        ],
        "discussion": [
            ("sarah", 124, None,
             "Merci pour ce test ! Les enfants ont adoré arriver dans une rue sans voitures. "
             "Est-ce qu'on pourra continuer après la phase de test ?"),
            ("sophie", 123, 0,
             "Merci Sarah. Nous rassemblons d'abord les retours des parents et des riverains, "
             "puis nous en parlerons avec le service voirie. La décision sera publiée ici."),
            ("jean-pierre", 119, None,
             "J'habite la rue. Le matin, ça ne me gêne pas, mais il faudrait prévenir quand "
             "une barrière reste en place après 8 h 40 : c'est arrivé deux fois."),
        ],
    },
    {
        "problem": (ProblemStatus.PROTOTYPING, "aire de jeux"),
        "title": "Voiles d'ombrage démontables au square du Port",
        "summary": "Trois voiles d'ombrage tendues au-dessus des jeux, aux emplacements choisis "
                   "par les familles du square.",
        "description":
            "En attendant que les arbres plantés cet hiver donnent de l'ombre, nous testons "
            "trois voiles d'ombrage démontables au-dessus du toboggan, des balançoires et du bac "
            "à sable. Elles sont posées aux emplacements choisis par les familles, et un "
            "thermomètre mesure la température des jeux à l'ombre et au soleil.\n\n"
            "Venez aux heures chaudes et dites-nous si le square est redevenu agréable.",
        "versions": [
            {
                "days_ago": 84, "target": 4.2, "testers": 8,
                "questions": [
                    ("De 1 à 5, l'ombre était-elle suffisante aux heures chaudes ?", SCALE),
                    ("Qu'est-ce qui vous a manqué ?", TEXT),
                ],
                "answers": {1: [
                    "Le toboggan est encore au soleil après 15 h, la voile est mal orientée.",
                    "Des bancs à l'ombre pour les parents.",
                    "Un point d'eau, les enfants ont soif.",
                    "Rien, on revient enfin l'après-midi.",
                ]},
                "comments": ["Les petits jouent de nouveau après la sieste, merci !"],
            },
        ],
    },
    {
        # Tested while the problem was experimented, and closed when the lab adopted it.
        "problem": (ProblemStatus.ADOPTED, "arrêt de tram"),
        "closed": 52,
        "title": "Appuis assis-debout aux arrêts Saint-Roch Église et Tilleuls-Poste",
        "summary": "Deux appuis assis-debout avec accoudoirs et un banc, installés pour six mois "
                   "pour rendre l'attente du tram moins pénible.",
        "description":
            "L'atelier de test a désigné l'appui assis-debout avec accoudoirs comme l'assise "
            "préférée. Nous en avons installé deux, avec un banc classique, aux arrêts "
            "Saint-Roch Église et Tilleuls-Poste, pour six mois. Nous voulons savoir s'ils sont "
            "confortables, faciles à quitter quand on a du mal à se relever, et s'ils gênent le "
            "passage sur le quai.\n\n"
            "Vos réponses décideront de l'équipement des autres arrêts.",
        "versions": [
            {
                "days_ago": 233, "target": 4.2, "testers": 15,
                "questions": [
                    ("De 1 à 5, l'appui était-il confortable pendant l'attente ?", SCALE),
                    ("De 1 à 5, était-il facile de vous relever à l'arrivée du tram ?", SCALE),
                    ("Qu'est-ce qu'il faudrait améliorer ?", TEXT),
                ],
                "answers": {2: [
                    "Trop haut pour les petites personnes : j'ai les pieds qui pendent.",
                    "Le métal est glacé en hiver.",
                    "Un abri : quand il pleut, personne ne s'assoit.",
                    "Il est un peu trop près du bord du quai à Tilleuls-Poste.",
                    "Un deuxième appui, il y a souvent plus de monde que de places.",
                    "Rien, les accoudoirs aident vraiment à se relever.",
                    "Rien, c'est parfait pour ma mère.",
                ]},
                "comments": [
                    "Le banc est souvent pris par des sacs de courses, l'appui reste libre.",
                    "Ma grand-mère le dit : c'est la meilleure dépense de la Ville.",
                ],
            },
        ],
    },
]

# Written by the lab, not yet published: only agents see it.
DRAFT = {
    "problem": (ProblemStatus.SELECTED, "médiathèque"),
    "days_ago": 6,
    "title": "La médiathèque centrale ouverte jusqu'à 20 h le mardi et le jeudi",
    "summary": "Pendant trois mois, la médiathèque reste ouverte jusqu'à 20 h deux soirs par "
               "semaine, pour le prêt, le retour et l'espace presse.",
    "description":
        "L'enquête menée à la médiathèque et en ligne montre que les soirs de semaine sont les "
        "plus demandés par les personnes qui travaillent. Nous proposons d'ouvrir la médiathèque "
        "centrale jusqu'à 20 h le mardi et le jeudi pendant trois mois, pour le prêt, le retour "
        "et l'espace presse. Les autres services fermeront toujours à 18 h.\n\n"
        "À relire avec l'équipe de la médiathèque avant publication.",
    "questions": [
        ("De 1 à 5, ces horaires vous conviennent-ils ?", SCALE),
        ("Quels services aimeriez-vous trouver le soir ?", TEXT),
    ],
}

# fmt: on
