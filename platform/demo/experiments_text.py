"""The demo experiments, in French: their methods, dates, places, sign-ups and results."""

from platform.experiments.models import Method
from platform.ideas.models import ProblemStatus

COMPLETED, CLOSED, OPEN, DRAFT = "completed", "closed", "open", "draft"
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = range(6)

# The data is laid out by hand, one experiment per block: the formatter leaves it alone.
# fmt: off

# One block per experiment, found by its problem's status and a few words of its title. "day" is
# in days from today (negative: in the past), moved to the nearest "weekday"; "start" and "end"
# are local times. "opened" is how many days before the start sign-ups opened; "joins" how many
# citizens signed up, in order ("camille": Camille's turn among them, "leave": the position of a
# participant who gave up their place afterwards). "published" is the number of days after the
# end when the results came out. "version" is the number of the prototype version tested.
EXPERIMENTS = [
    {
        # Between the selection of the problem and its first prototypes.
        "problem": (ProblemStatus.PROTOTYPING, "école élémentaire"),
        "method": Method.OBSERVATION, "state": COMPLETED,
        "day": -170, "weekday": TUESDAY, "start": (7, 50), "end": (8, 50),
        "opened": 16, "capacity": 10, "joins": 9, "published": 12,
        "title": "Observer l'entrée de l'école des Tilleuls avec des parents volontaires",
        "description":
            "Avant d'imaginer des solutions, nous voulons comprendre ce qui se passe vraiment "
            "devant l'école élémentaire des Tilleuls entre 8 h et 8 h 45 : d'où arrivent les "
            "voitures, où s'arrêtent les parents, où traversent les enfants.\n\n"
            "Par petits groupes, postés aux deux coins de la rue Paul-Bert et devant le portail, "
            "vous compterez les voitures, les arrêts en double file et les traversées hors du "
            "passage piéton, sur une grille que nous vous remettrons. Nous mettrons ensuite nos "
            "observations en commun autour d'un café.",
        "involvement":
            "Une heure, de 7 h 50 à 8 h 50, puis 20 minutes de mise en commun au centre social. "
            "Grille d'observation, crayon et gilet fournis. Aucune connaissance particulière "
            "n'est demandée ; les enfants peuvent accompagner leurs parents.",
        "location": "Devant l'école élémentaire des Tilleuls, 12 rue Paul-Bert (Les Tilleuls)",
        "results":
            "- 9 parents ont observé l'entrée de l'école, répartis sur trois postes.\n"
            "- 214 enfants sont arrivés entre 8 h et 8 h 40, dont **63 %** entre 8 h 15 et "
            "8 h 30.\n"
            "- 47 arrêts en double file en 30 minutes ; 18 enfants ont traversé entre deux "
            "voitures arrêtées.\n"
            "- Les voitures arrivent du virage de la rue des Lilas à plus de 40 km/h selon le "
            "radar pédagogique prêté par la voirie.\n"
            "- Prochaine étape : tester trois aménagements, une semaine chacun, en commençant "
            "par la fermeture de la rue aux voitures le matin.",
    },
    {
        # Before the problem went to prototyping; it has been adopted since.
        "problem": (ProblemStatus.ADOPTED, "arrêt de tram"),
        "method": Method.WORKSHOP, "state": COMPLETED,
        "day": -300, "weekday": THURSDAY, "start": (14, 30), "end": (16, 30),
        "opened": 21, "capacity": 16, "joins": 15, "published": 8,
        "title": "Atelier : essayez trois assises pour les arrêts de tram",
        "description":
            "Quelle assise installer à un arrêt de tram où le quai est étroit ? Nous avons fait "
            "venir trois modèles prêtés par le fabricant du mobilier urbain : un banc, un appui "
            "assis-debout avec accoudoirs et un strapontin rabattable.\n\n"
            "Pendant l'atelier, chacun s'assoit, attend quelques minutes, se relève comme à "
            "l'arrivée du tram, puis note chaque modèle. Nous cherchons en particulier l'avis "
            "des personnes âgées et de celles qui ont du mal à rester debout.",
        "involvement":
            "Deux heures, goûter offert. La salle est de plain-pied et des chaises restent à "
            "disposition pendant tout l'atelier. Venez avec la canne ou le déambulateur que "
            "vous utilisez d'habitude : les essais n'en seront que plus justes.",
        "location": "Maison de quartier Saint-Roch, 4 place de l'Église (Saint-Roch)",
        "results":
            "- 15 participants, de 34 à 88 ans, dont 6 qui se déplacent avec une canne.\n"
            "- L'appui assis-debout avec accoudoirs est préféré par **9 personnes sur 15** : "
            "on s'y relève sans aide.\n"
            "- Le banc reste le plus confortable pour les attentes de plus de 5 minutes "
            "(4 voix).\n"
            "- Le strapontin est écarté : trop bas, 11 participants ont eu du mal à se "
            "relever.\n"
            "- Nous installons pour six mois deux appuis et un banc aux arrêts Saint-Roch "
            "Église et Tilleuls-Poste.",
    },
    {
        "problem": (ProblemStatus.EXPERIMENTING, "cantine"),
        "method": Method.PROTOTYPE_TEST, "state": COMPLETED, "version": 1,
        "day": -197, "weekday": WEDNESDAY, "start": (17, 30), "end": (19, 0),
        "opened": 12, "capacity": 14, "joins": 12, "published": 6,
        "title": "Réinscrire ses enfants à la cantine avec le dossier prérempli",
        "description":
            "Le formulaire en ligne de réinscription à la cantine reprend ce que le service "
            "scolaire sait déjà de votre famille. Avant de l'ouvrir aux six écoles pilotes, "
            "nous voulons voir des parents s'en servir pour de vrai.\n\n"
            "Chacun réinscrit ses enfants sur son propre téléphone ou sur un ordinateur prêté, "
            "pendant qu'un membre du Lab note où il hésite. Nous mesurons le temps passé et "
            "terminons par un échange en groupe.",
        "involvement":
            "Une heure et demie. Apportez votre téléphone et, si possible, une attestation CAF "
            "récente. Les enfants sont accueillis dans la salle voisine par une animatrice. "
            "Salle au rez-de-chaussée, accessible en fauteuil.",
        "location": "Hôtel de Ville, salle des commissions, 1 place de l'Hôtel-de-Ville "
                    "(Centre-ville)",
        "results":
            "- 12 parents ont réinscrit 19 enfants ; temps médian : **9 minutes**.\n"
            "- 10 sur 12 ont terminé sans aide ; les deux autres ont bloqué sur l'envoi de "
            "l'attestation CAF en PDF.\n"
            "- 5 parents ne savaient pas, à la fin, si leur dossier était complet.\n"
            "- Sur téléphone, 4 personnes ont touché « Annuler » au lieu de « Suivant ».\n"
            "- À corriger avant l'ouverture : un e-mail récapitulatif, des boutons plus grands, "
            "et les photos acceptées pour les justificatifs.",
    },
    {
        "problem": (ProblemStatus.EXPERIMENTING, "carte d'identité"),
        "method": Method.FIELD_EXPERIMENT, "state": CLOSED,
        "day": 5, "weekday": SATURDAY, "start": (9, 0), "end": (12, 30),
        "opened": 18, "capacity": 16, "joins": 16,
        "title": "Un samedi matin pour les cartes d'identité à la mairie annexe de la Gare",
        "description":
            "Beaucoup d'entre vous ne peuvent pas venir en mairie en semaine. Pour la première "
            "fois, la mairie annexe de la Gare ouvre un samedi matin, uniquement pour les cartes "
            "d'identité et les passeports.\n\n"
            "Nous voulons savoir si ces créneaux attirent des personnes qui n'en trouvent pas "
            "en semaine, et combien de rendez-vous sont honorés. Chaque inscrit reçoit un "
            "rendez-vous de 20 minutes et répond à trois questions en sortant.",
        "involvement":
            "Un rendez-vous de 20 minutes entre 9 h et 12 h 30 ; l'heure exacte est envoyée par "
            "SMS trois jours avant. Apportez votre ancienne carte, une photo d'identité de moins "
            "de six mois et un justificatif de domicile. Mairie annexe de plain-pied.",
        "location": "Mairie annexe de la Gare, 21 avenue Pierre-Sémard (Quartier de la Gare)",
    },
    {
        "problem": (ProblemStatus.SELECTED, "ascenseur"),
        "method": Method.INTERVIEW, "state": OPEN, "co_organiser": True,
        "day": 12, "weekday": WEDNESDAY, "start": (14, 0), "end": (18, 0),
        "opened": 20, "capacity": 6, "joins": 10, "leave": 2, "is_online": True,
        "title": "Entretiens : comment apprenez-vous que l'ascenseur du métro est en panne ?",
        "description":
            "Avec l'exploitant du réseau, nous cherchons comment prévenir les voyageurs d'une "
            "panne d'ascenseur **avant** qu'ils n'arrivent sur le quai. Nous voulons d'abord "
            "comprendre comment vous vous organisez aujourd'hui : où vous cherchez "
            "l'information, ce que vous faites quand l'ascenseur est arrêté, ce qu'il vous en "
            "coûte.\n\n"
            "Les entretiens se font en tête-à-tête, par visio ou par téléphone. Ils "
            "s'adressent en priorité aux personnes en fauteuil, avec une poussette, une valise "
            "ou des difficultés à marcher.",
        "involvement":
            "30 minutes, à l'heure qui vous convient entre 14 h et 18 h. Pas besoin de vous "
            "déplacer : un lien de visio vous est envoyé la veille, ou nous vous appelons si "
            "vous préférez le téléphone. Vos réponses restent anonymes.",
        "location": "En ligne (lien envoyé la veille)",
    },
    {
        "problem": (ProblemStatus.SELECTED, "CCAS"),
        "method": Method.IMMERSION, "state": OPEN,
        "day": 19, "weekday": TUESDAY, "start": (9, 30), "end": (12, 0),
        "opened": 24, "capacity": 10, "joins": 8, "camille": 5,
        "title": "Une matinée en fauteuil roulant dans les accueils sociaux de la Ville",
        "description":
            "Entrer au CCAS de la Gare en fauteuil relève du parcours du combattant, et ce n'est "
            "sans doute pas le seul bâtiment dans ce cas. Avec l'association Roule ma Ville, "
            "nous proposons de faire le trajet ensemble : arriver, trouver l'entrée, se "
            "signaler à l'accueil, attendre, circuler dans les locaux.\n\n"
            "Les participants qui ne se déplacent pas en fauteuil en essaient un, guidés par des "
            "membres de l'association. Nous noterons chaque obstacle, du trottoir au guichet, "
            "pour en dresser la liste avec le service des bâtiments.",
        "involvement":
            "Deux heures et demie, avec deux bâtiments visités à pied ou en fauteuil, à "
            "300 mètres l'un de l'autre. Fauteuils prêtés par l'association ; si vous vous "
            "déplacez en fauteuil, venez avec le vôtre. Café offert à la fin.",
        "location": "Devant le CCAS de la Gare, 8 rue Émile-Zola (Quartier de la Gare)",
    },
    {
        "problem": (ProblemStatus.SELECTED, "toilettes publiques"),
        "method": Method.SURVEY, "state": OPEN,
        "day": 14, "weekday": SATURDAY, "start": (9, 30), "end": (12, 30),
        "opened": 16, "capacity": 12, "joins": 2,
        "title": "Enquête au marché : où trouvez-vous des toilettes en ville ?",
        "description":
            "Pour faire l'inventaire des toilettes publiques avec le service qui les entretient, "
            "nous voulons aussi savoir comment les habitants se débrouillent : lesquelles ils "
            "connaissent, lesquelles ils évitent, et ce qu'ils font quand elles sont fermées.\n\n"
            "Nous cherchons des bénévoles pour interroger les passants au marché du samedi, avec "
            "un questionnaire court sur tablette. Visez les personnes âgées, les parents de "
            "jeunes enfants et les commerçants du marché.",
        "involvement":
            "Une matinée, de 9 h 30 à 12 h 30, après 20 minutes de prise en main du "
            "questionnaire. Tablette, badge et boissons chaudes fournis. Le stand est installé "
            "sur la place, sans marche ; les toilettes de la mairie restent ouvertes aux "
            "bénévoles.",
        "location": "Marché du Centre, stand du Lab près de la fontaine, place de la République",
    },
    {
        "problem": (ProblemStatus.SELECTED, "Bruit des bars"),
        "method": Method.WORKSHOP, "state": DRAFT,
        "day": 26, "weekday": THURSDAY, "start": (18, 30), "end": (20, 30),
        "capacity": 20,
        "title": "Riverains, gérants de bars et police municipale autour de la même table",
        "description":
            "La rue des Carmes est bruyante du jeudi au samedi, et chacun a sa part de "
            "l'histoire : les riverains qui ne dorment pas, les gérants qui voudraient garder "
            "leur clientèle, la police municipale qui ne peut pas être partout.\n\n"
            "Cet atelier réunit les trois pour dessiner ensemble une nuit type dans la rue, "
            "heure par heure, et repérer les moments où le bruit devient insupportable. Nous en "
            "tirerons deux ou trois pistes à tester dès le printemps.",
        "involvement":
            "Deux heures en soirée, après la fermeture des bureaux. Une boisson est offerte. "
            "La salle est au premier étage, avec ascenseur. Dites-nous en vous inscrivant si "
            "vous êtes riverain, commerçant ou autre.",
        "location": "Salle Jean-Moulin, 5 rue des Carmes (Centre-ville)",
    },
]

# fmt: on
