"""Demo problems with their supports, comments and lab decisions, in French, for `seed-demo`."""

import random
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from platform.accounts.demo import DEMO_PASSWORD
from platform.accounts.models import Role, User
from platform.accounts.services import find_account
from platform.comments.services import post_comment
from platform.database import utcnow
from platform.extensions import db
from platform.ideas import services
from platform.ideas.models import Problem, ProblemStatus
from platform.text import fold

# Residents who take part besides the demo accounts: (name, district slug). The e-mail is
# prenom.nom@example.org, and the first name (folded) is how the data below refers to them.
CITIZENS = [
    ("Mamadou Diallo", "gare"),
    ("Nathalie Lefèvre", "plateau"),
    ("Thomas Nguyen", "saint-roch"),
    ("Fatoumata Traoré", "zone-sud"),
    ("Jean-Pierre Roux", "les-tilleuls"),
    ("Inès Bouzid", "rives-nord"),
    ("Élodie Garnier", "centre"),
    ("Kévin Morel", "port"),
    ("Aïcha Mansouri", "gare"),
    ("Hugo Lambert", "plateau"),
    ("Mei Chen", "centre"),
    ("Bernadette Faure", "saint-roch"),
    ("Olivier Dubois", "zone-sud"),
    ("Sarah Cohen", "les-tilleuls"),
    ("Karine Petit", "port"),
    ("Moussa Keïta", "rives-nord"),
    ("Léa Girard", "plateau"),
    ("Ana Pereira", "gare"),
    ("Julien Mercier", "centre"),
    ("Emre Yilmaz", "zone-sud"),
]

# The data is laid out by hand, one problem or comment per block: the formatter leaves it alone.
# fmt: off

# (key, author, theme, district or None for the whole city, days ago, supports, title, text).
# Three pairs share the main words of their titles, for the "similar problems" step:
# cni / cni-rdv, bus-horaires / bus-horaires-soir, encombrants / encombrants-creneau.
PROBLEMS = [
    # Démarches administratives
    (
        "cni", "nathalie", "demarches", "centre", 385, 21,
        "Trois mois d'attente pour refaire une carte d'identité à la mairie",
        "Pour renouveler ma carte d'identité, le premier rendez-vous libre à la mairie centrale "
        "était dans trois mois. J'ai un déplacement prévu et je ne suis pas la seule dans ce cas : "
        "au guichet, on m'a conseillé de réessayer chaque matin à 8 h pour les désistements.\n\n"
        "Ce qui aiderait :\n"
        "- voir les créneaux de toutes les mairies annexes au même endroit ;\n"
        "- être prévenu par SMS quand un créneau se libère.",
    ),
    (
        "cni-rdv", "moussa", "demarches", "rives-nord", 92, 7,
        "Carte d'identité : aucun rendez-vous en mairie avant l'été",
        "J'essaie depuis deux semaines de prendre rendez-vous pour la carte d'identité de mon "
        "fils. Le site affiche toujours « aucun créneau disponible » et le téléphone sonne dans "
        "le vide. Les communes voisines n'acceptent plus les habitants d'ici. Comment fait-on "
        "quand on travaille en journée ?",
    ),
    (
        "comptes-en-ligne", "camille", "demarches", None, 96, 11,
        "Un compte différent pour chaque démarche en ligne de la Ville",
        "Pour l'inscription à la cantine, le stationnement résident et la médiathèque, j'ai trois "
        "comptes avec trois mots de passe, et il faut redonner son adresse à chaque fois. Quand on "
        "déménage, il faut tout modifier partout. Un seul espace personnel, avec mes démarches en "
        "cours, simplifierait vraiment la vie.",
    ),
    (
        "pieces-dossier", "sophie", "demarches", "les-tilleuls", 75, 9,
        "À la mairie annexe des Tilleuls, un usager sur trois doit revenir faute d'une pièce",
        "Remontée de l'équipe d'accueil de la mairie annexe : beaucoup de personnes se présentent "
        "avec un dossier incomplet (justificatif de domicile trop ancien, photo non conforme, "
        "acte de naissance manquant). Elles ont souvent pris une demi-journée de congé pour "
        "venir. La liste des pièces existe sur le site, mais elle est difficile à trouver et à "
        "comprendre.",
    ),
    (
        "signaletique", "sophie", "demarches", "centre", 30, 3,
        "On se perd dans le centre administratif pour trouver le bon service",
        "L'accueil du centre administratif oriente chaque jour des dizaines de personnes perdues. "
        "L'état civil est au 2e étage du bâtiment B, mais les panneaux indiquent encore "
        "l'ancienne organisation et les ascenseurs ne desservent pas tous les étages. Les "
        "personnes âgées et celles qui lisent mal le français sont les plus en difficulté.",
    ),
    (
        "courriers-langue", "lucia", "demarches", None, 140, 10,
        "Les courriers de la mairie sont difficiles à comprendre quand on maîtrise mal le français",
        "Je suis arrivée d'Espagne il y a trois ans. Les courriers de la Ville sont pleins de "
        "sigles et de références à des articles de loi, sans dire clairement ce que je dois faire "
        "et avant quand. Je demande à ma voisine de m'aider, mais tout le monde n'a pas cette "
        "chance. Une version en **français simple**, avec les étapes, servirait à tout le monde.",
    ),
    # Mobilité et transports
    (
        "bus-horaires", "bernadette", "mobilite", "saint-roch", 305, 16,
        "Horaires de bus illisibles aux arrêts",
        "À l'arrêt Jean-Jaurès, la fiche horaire est écrite tout petit, derrière une vitre rayée, "
        "souvent en plein soleil. Même avec mes lunettes, je n'arrive pas à lire les passages du "
        "soir. Les écrans en temps réel n'existent qu'aux grands arrêts. Une affiche en **gros "
        "caractères** avec les prochains passages serait déjà un progrès.",
    ),
    (
        "bus-horaires-soir", "jean-pierre", "mobilite", "les-tilleuls", 58, 5,
        "Les horaires de bus affichés aux arrêts sont illisibles le soir",
        "Aux arrêts de la ligne 12, aucun éclairage n'atteint le panneau des horaires. L'hiver, "
        "dès 17 h, impossible de savoir quand passe le prochain bus sans smartphone. Beaucoup de "
        "personnes âgées du quartier n'en ont pas.",
    ),
    (
        "banc-tram", "thomas", "mobilite", "saint-roch", 350, 19,
        "Pas un seul banc à l'arrêt de tram Saint-Roch Église",
        "Ma grand-mère prend le tram tous les jeudis pour aller au marché. À l'arrêt Saint-Roch "
        "Église, il n'y a ni banc ni appui, et l'attente dépasse parfois dix minutes en soirée. "
        "Elle finit assise sur le muret de la pharmacie. Un simple banc changerait tout pour les "
        "personnes âgées, les femmes enceintes et les personnes qui ont du mal à rester debout.",
    ),
    (
        "ascenseur-metro", "ana", "mobilite", "gare", 148, 18,
        "L'ascenseur de la station de métro Gare est en panne une semaine sur deux",
        "L'ascenseur entre le quai et la sortie Gare Sud tombe en panne très souvent, parfois "
        "pendant des semaines. Avec une poussette, je dois demander à des inconnus de m'aider à "
        "porter dans l'escalier. Pour une personne en fauteuil, la station devient **inaccessible**"
        ", et aucune information n'est donnée avant d'arriver sur le quai.",
    ),
    (
        "feu-boulevard", "emre", "mobilite", "zone-sud", 170, 6,
        "Trois minutes d'attente au feu pour traverser le boulevard de l'Europe à pied",
        "Au carrefour du boulevard de l'Europe et de la rue des Forges, le feu piéton reste rouge "
        "près de trois minutes, puis vert une quinzaine de secondes. Beaucoup de gens finissent "
        "par traverser au rouge, y compris des collégiens. Les personnes âgées n'ont pas le temps "
        "d'arriver de l'autre côté.",
    ),
    (
        "velo-mairie", "camille", "mobilite", "centre", 21, 4,
        "Aucun endroit pour attacher son vélo devant la mairie centrale",
        "Quand je vais à la mairie à vélo, je dois l'attacher à une grille ou à un panneau, et "
        "la police municipale m'a déjà demandé de le déplacer. Les arceaux les plus proches sont "
        "place du Marché, à dix minutes à pied. Quelques arceaux sur le parvis suffiraient.",
    ),
    (
        "trottinettes", "elodie", "mobilite", "centre", 160, 11,
        "Trottoirs de la rue Victor-Hugo encombrés de trottinettes en libre-service",
        "Chaque matin, une dizaine de trottinettes sont couchées en travers du trottoir de la "
        "rue Victor-Hugo. Avec une poussette il faut descendre sur la chaussée, et mon voisin "
        "malvoyant s'est déjà pris les pieds dedans. Des emplacements de stationnement marqués au "
        "sol existent, mais personne ne les utilise.",
    ),
    (
        "piste-cyclable", "kevin", "mobilite", "gare", 85, 13,
        "La piste cyclable s'arrête net au pont de la Gare",
        "En venant du Port, la piste cyclable est large et bien séparée, puis elle s'arrête d'un "
        "coup à l'entrée du pont de la Gare. Il faut se glisser entre les bus et les voitures sur "
        "200 mètres, dans la montée. Je connais plusieurs collègues qui ont renoncé au vélo à "
        "cause de ce passage.",
    ),
    # Propreté et déchets
    (
        "encombrants", "fatoumata", "proprete", "zone-sud", 255, 18,
        "Impossible d'obtenir un rendez-vous en ligne pour les encombrants",
        "Le formulaire de collecte des encombrants ne propose jamais de date : le calendrier "
        "reste gris pendant des semaines. Résultat, les gens déposent leurs vieux matelas au pied "
        "des immeubles et tout le monde s'en plaint. Au téléphone, on me répond de « réessayer le "
        "lundi matin ».",
    ),
    (
        "encombrants-creneau", "karine", "proprete", "port", 38, 4,
        "Rendez-vous encombrants : le site ne propose jamais de créneau",
        "Cela fait un mois que je veux faire enlever un canapé et une machine à laver. Sur le "
        "site, aucun créneau ; à la déchetterie, il faut une voiture, que je n'ai pas. Pourquoi "
        "ne pas prévoir des jours de collecte fixes par rue, annoncés à l'avance ?",
    ),
    (
        "depots-marche", "bernadette", "proprete", "saint-roch", 112, 7,
        "Dépôts sauvages derrière le marché couvert de Saint-Roch",
        "Derrière le marché couvert, des sacs et des cagettes s'entassent du samedi soir au mardi "
        "matin. Les rats sont arrivés, et l'odeur monte jusqu'aux fenêtres l'été. Les commerçants "
        "disent qu'ils n'ont pas de bac adapté pour leurs déchets.",
    ),
    (
        "tri-parcs", "nathalie", "proprete", "plateau", 45, 6,
        "Pas de poubelles de tri dans les parcs du Plateau",
        "Au parc des Hauteurs, il n'y a que des corbeilles classiques. Les bouteilles et les "
        "canettes des pique-niques finissent avec le reste, ou à côté quand les corbeilles "
        "débordent le dimanche soir. On trie chez soi, pourquoi pas au parc ?",
    ),
    # Espaces verts et nature
    (
        "ombre-aire", "lucia", "espaces-verts", "port", 330, 17,
        "Aucune ombre sur l'aire de jeux du square du Port en été",
        "En juillet, le toboggan en métal est brûlant dès 11 h et il n'y a pas un arbre "
        "au-dessus des jeux. Les familles ne viennent plus qu'après 19 h, et les plus petits "
        "n'ont nulle part où jouer dans la journée. Des voiles d'ombrage ou quelques arbres "
        "aideraient beaucoup.",
    ),
    (
        "fontaine-parc", "yanis", "espaces-verts", "rives-nord", 64, 8,
        "Aucune fontaine à eau ne fonctionne au parc des Rives",
        "Les deux fontaines du parc des Rives sont coupées depuis l'an dernier. Le parc est plein "
        "de joggeurs, d'enfants et de joueurs de foot, et le premier commerce est à un kilomètre. "
        "Par forte chaleur, c'est même dangereux.",
    ),
    (
        "arbres-coupes", "hugo", "espaces-verts", "plateau", 125, 9,
        "Les arbres abattus avenue des Acacias n'ont jamais été remplacés",
        "Six platanes malades ont été abattus il y a deux ans avenue des Acacias. On nous avait "
        "promis de nouvelles plantations, mais il ne reste que des souches et de la terre battue. "
        "L'avenue est devenue une fournaise en été.",
    ),
    # Solidarité et santé
    (
        "toilettes", "camille", "solidarite", "centre", 282, 15,
        "Les toilettes publiques du centre-ville sont presque toujours fermées",
        "Les sanisettes de la place de la République et du jardin des Plantes sont fermées « pour "
        "maintenance » depuis des mois. Pour les personnes âgées, les femmes enceintes, les "
        "parents de jeunes enfants ou les personnes malades, sortir en ville devient compliqué. "
        "On finit par consommer dans un café juste pour pouvoir aller aux toilettes.",
    ),
    (
        "ccas-fauteuil", "aicha", "solidarite", "gare", 118, 12,
        "Entrer au CCAS de la Gare en fauteuil roulant relève du parcours du combattant",
        "Je me déplace en fauteuil. L'entrée du CCAS de la Gare a trois marches ; la rampe "
        "amovible doit être demandée à l'accueil… qui est en haut des marches. Il n'y a pas de "
        "sonnette, alors j'ai dû appeler depuis le trottoir pour qu'on vienne m'ouvrir. Pour un "
        "service social, c'est un comble.",
    ),
    (
        "canicule-seniors", "sophie", "solidarite", None, 300, 12,
        "Des personnes âgées isolées ignorent l'existence du registre canicule",
        "Remontée des agents du CCAS : lors de la dernière canicule, une partie des personnes "
        "âgées isolées qu'ils connaissent n'étaient pas inscrites sur le registre, et ne "
        "recevaient donc pas d'appels. L'information passe par le site et le magazine municipal, "
        "que ces personnes ne lisent pas. Comment les atteindre autrement ?",
    ),
    # Éducation et jeunesse
    (
        "cantine", "lea", "education", None, 410, 22,
        "L'inscription à la cantine se fait uniquement sur papier",
        "Chaque année, il faut aller chercher le dossier d'inscription à la cantine à l'école, le "
        "remplir à la main, joindre des photocopies et le déposer au service scolaire aux heures "
        "d'ouverture, qui sont aussi mes heures de travail.\n\n"
        "- les mêmes informations sont redemandées tous les ans ;\n"
        "- on ne sait jamais si le dossier est complet avant la rentrée.",
    ),
    (
        "loisirs-handicap", "olivier", "education", None, 240, 10,
        "Pas de place en centre de loisirs pour les enfants en situation de handicap",
        "Mon fils est autiste. Les centres de loisirs de la Ville nous répondent qu'ils n'ont pas "
        "d'animateur formé pour l'accueillir, même une demi-journée. Pendant les vacances, l'un "
        "de nous deux doit poser des congés. Nous sommes plusieurs familles dans ce cas.",
    ),
    (
        "creche", "ines", "education", None, 270, 16,
        "Aucune visibilité sur la liste d'attente des crèches",
        "Nous avons déposé notre demande de place en crèche avant la naissance de notre fille. "
        "Elle a maintenant dix mois, et nous ne savons toujours pas où nous en sommes : ni rang, "
        "ni délai, ni date de commission. Impossible d'organiser la reprise du travail.",
    ),
    (
        "aide-devoirs", "fatoumata", "education", "zone-sud", 8, 1,
        "L'aide aux devoirs de la maison de quartier est complète dès septembre",
        "L'aide aux devoirs de la maison de quartier Zone Sud ne prend que 15 enfants, et la "
        "liste est close dès la première semaine de septembre. Beaucoup de parents du quartier ne "
        "peuvent pas aider leurs enfants en maths ou en français au collège.",
    ),
    # Culture et sport
    (
        "mediatheque", "mei", "culture-sport", "centre", 228, 13,
        "Horaires de la médiathèque incompatibles avec un travail à temps plein",
        "La médiathèque centrale ferme à 18 h en semaine, et elle est fermée le dimanche et le "
        "lundi. Quand on finit le travail à 18 h, il ne reste que le samedi, où elle est bondée. "
        "Une ouverture jusqu'à 20 h un ou deux soirs par semaine suffirait.",
    ),
    (
        "gymnase-asso", "mamadou", "culture-sport", "gare", 190, 8,
        "Impossible pour une petite association d'obtenir un créneau au gymnase",
        "J'anime une association de basket pour les jeunes du quartier de la Gare. Depuis trois "
        "ans, notre demande de créneau au gymnase Jean-Moulin est refusée : tout est déjà attribué "
        "aux mêmes clubs. Pourtant, le gymnase est souvent vide le samedi après-midi.",
    ),
    (
        "piscine-dimanche", "yanis", "culture-sport", "rives-nord", 210, 3,
        "La piscine des Rives est fermée le dimanche après-midi",
        "La piscine des Rives ferme à 13 h le dimanche. C'est pourtant le seul moment où beaucoup "
        "de familles peuvent y aller ensemble.",
    ),
    (
        "piscine-travaux", "ines", "culture-sport", "rives-nord", 14, 2,
        "Aucune information quand la piscine ferme pour travaux",
        "Samedi, nous avons trouvé la piscine des Rives fermée avec une simple affiche sur la "
        "porte : « fermeture technique ». Rien sur le site, rien sur les réseaux. Trente minutes "
        "de bus pour rien avec deux enfants.",
    ),
    # Tranquillité publique
    (
        "passage-ecole", "sarah", "securite", "les-tilleuls", 205, 20,
        "Traversée dangereuse devant l'école élémentaire des Tilleuls",
        "Le passage piéton devant l'école est juste après un virage, et les voitures arrivent "
        "vite. Entre 8 h 15 et 8 h 30, c'est le chaos : parents en double file, enfants qui "
        "traversent entre les voitures. Il n'y a plus personne pour faire traverser depuis la "
        "rentrée. **Il va finir par y avoir un accident.**",
    ),
    (
        "bruit-nuit", "julien", "securite", "centre", 178, 14,
        "Bruit des bars jusqu'à 3 h du matin rue des Carmes",
        "Depuis l'ouverture de deux nouveaux bars, la rue des Carmes est bruyante toutes les nuits "
        "du jeudi au samedi : musique, cris, bouteilles jetées dans les conteneurs à 2 h. Nous "
        "avons des enfants qui dorment côté rue. Appeler la police municipale ne sert à rien, "
        "personne ne répond après minuit.",
    ),
    (
        "parc-soir", "hugo", "securite", "plateau", 265, 9,
        "On ne se sent pas en sécurité au parc des Hauteurs à la tombée de la nuit",
        "L'hiver, dès 17 h 30, le parc des Hauteurs est plongé dans le noir et c'est pourtant le "
        "chemin le plus court entre le tram et les résidences. Plusieurs voisines font le tour "
        "par le boulevard, quinze minutes de plus. Des groupes s'installent sur les bancs sans "
        "que personne ne passe jamais.",
    ),
    (
        "eclairage-rue", "olivier", "securite", "zone-sud", 50, 5,
        "L'éclairage public est en panne rue du Moulin depuis deux mois",
        "Trois lampadaires sur quatre sont éteints rue du Moulin. Je l'ai signalé deux fois sur "
        "le site, sans réponse ni numéro de suivi. On ne sait pas si la demande est arrivée "
        "quelque part.",
    ),
]

# The signed-in demo citizen supports these, so that her "supported" marks show.
CAMILLE_SUPPORTS = {"cni", "bus-horaires", "banc-tram", "cantine", "bruit-nuit", "trottinettes"}

# The lab's public decisions: key -> [(new status, days after the proposal, actor, note)].
# A withdrawal is made by the problem's author (actor None).
DECISIONS = {
    "cni": [
        (ProblemStatus.SELECTED, 20, "sophie",
         "Le Lab retient ce problème : de nombreux soutiens en quelques jours et des témoignages "
         "concordants des agents d'accueil. Une phase d'observation aura lieu à la mairie "
         "centrale et dans deux mairies annexes."),
        (ProblemStatus.PROTOTYPING, 75, "sophie",
         "Les observations montrent qu'un rendez-vous sur cinq n'est pas honoré. Nous testons "
         "avec des habitants une page unique des créneaux et une alerte SMS en cas de "
         "désistement."),
        (ProblemStatus.EXPERIMENTING, 160, "sophie",
         "L'alerte SMS est ouverte à tous pour six mois. Inscrivez-vous sur la page des "
         "rendez-vous et racontez-nous ici comment cela se passe."),
    ],
    "banc-tram": [
        (ProblemStatus.SELECTED, 15, "sophie",
         "Le Lab retient ce problème, soutenu aussi par l'association des retraités de "
         "Saint-Roch. Nous irons observer l'arrêt aux heures d'affluence."),
        (ProblemStatus.PROTOTYPING, 60, "sophie",
         "Trois assises (banc, appui assis-debout, strapontin) ont été testées en atelier avec "
         "une quinzaine d'habitants. L'appui assis-debout avec accoudoirs est le préféré."),
        (ProblemStatus.EXPERIMENTING, 110, "sophie",
         "Deux appuis et un banc sont installés pour six mois aux arrêts Saint-Roch Église et "
         "Tilleuls-Poste. Dites-nous en commentaire ce que vous en pensez."),
        (ProblemStatus.ADOPTED, 300, "karim",
         "Bilan positif : les assises servent à toute heure et aucune dégradation n'a été "
         "constatée. La Ville en équipera cette année les 40 arrêts de tram qui n'en ont pas."),
    ],
    "cantine": [
        (ProblemStatus.SELECTED, 25, "sophie",
         "Le Lab retient ce problème, l'un des plus soutenus de l'année. Nous allons suivre le "
         "parcours d'une dizaine de familles et du service scolaire pendant les inscriptions."),
        (ProblemStatus.PROTOTYPING, 90, "sophie",
         "Un formulaire en ligne prérempli avec les informations de l'année précédente est en "
         "test avec des parents et des agents du service scolaire."),
        (ProblemStatus.EXPERIMENTING, 200, "sophie",
         "À la rentrée, les familles de six écoles pilotes s'inscrivent en ligne. Le dossier "
         "papier reste possible pour celles qui le préfèrent."),
    ],
    "encombrants": [
        (ProblemStatus.SELECTED, 30, "sophie",
         "Le Lab retient ce problème : le service propreté confirme que la demande a doublé en "
         "deux ans, alors que le nombre de tournées n'a pas changé."),
        (ProblemStatus.PROTOTYPING, 120, "sophie",
         "Avec le service propreté, nous testons sur le papier des collectes à date fixe par "
         "secteur, annoncées dans les halls d'immeuble. Des habitants de la Zone Sud donnent "
         "leur avis en atelier."),
    ],
    "passage-ecole": [
        (ProblemStatus.SELECTED, 14, "karim",
         "Le Lab retient ce problème en priorité : il concerne la sécurité d'enfants. Nous "
         "observerons les entrées et sorties d'école avec des parents volontaires."),
        (ProblemStatus.PROTOTYPING, 70, "sophie",
         "Trois aménagements vont être testés pendant une semaine chacun : rue fermée aux "
         "voitures aux heures d'entrée, marquage au sol en relief, et retour d'un agent de "
         "traversée."),
    ],
    "ombre-aire": [
        (ProblemStatus.SELECTED, 20, "sophie",
         "Le Lab retient ce problème : plusieurs aires de jeux de la ville sont dans le même cas. "
         "Le square du Port servira de terrain d'étude."),
        (ProblemStatus.PROTOTYPING, 240, "sophie",
         "Des voiles d'ombrage démontables seront essayées cet été, en attendant que les arbres "
         "plantés cet hiver grandissent. Les familles du square choisissent leur emplacement."),
    ],
    "bruit-nuit": [
        (ProblemStatus.SELECTED, 40, "sophie",
         "Le Lab retient ce problème. Nous voulons d'abord réunir riverains, gérants de bars et "
         "police municipale, comme le proposent plusieurs commentaires."),
    ],
    "toilettes": [
        (ProblemStatus.SELECTED, 45, "sophie",
         "Le Lab retient ce problème. Nous faisons d'abord l'inventaire des toilettes publiques "
         "ouvertes, fermées et de leurs pannes, avec le service en charge de leur entretien."),
    ],
    "mediatheque": [
        (ProblemStatus.SELECTED, 35, "sophie",
         "Le Lab retient ce problème. Une enquête sur les horaires souhaités sera menée à la "
         "médiathèque et en ligne avant de tester de nouveaux horaires."),
    ],
    "ascenseur-metro": [
        (ProblemStatus.SELECTED, 21, "karim",
         "Le Lab retient ce problème avec l'exploitant du réseau. Nous cherchons d'abord comment "
         "prévenir les voyageurs d'une panne avant qu'ils n'arrivent à la station."),
    ],
    "ccas-fauteuil": [
        (ProblemStatus.SELECTED, 18, "sophie",
         "Le Lab retient ce problème et l'élargit à l'accueil des personnes handicapées dans "
         "tous les bâtiments sociaux de la Ville. Une visite avec des associations est prévue."),
    ],
    "parc-soir": [
        (ProblemStatus.SELECTED, 30, "sophie",
         "Le Lab retient ce problème pour une phase d'observation, avec des habitantes qui "
         "traversent le parc le soir."),
        (ProblemStatus.NOT_RETAINED, 95, "sophie",
         "Les observations montrent que la principale difficulté est l'éclairage, dont le "
         "remplacement complet est déjà programmé au printemps. Nous arrêtons notre travail ici "
         "et publierons la date du chantier dès qu'elle sera connue."),
    ],
    "feu-boulevard": [
        (ProblemStatus.NOT_RETAINED, 25, "karim",
         "Le boulevard de l'Europe est une route départementale : ses feux sont réglés par le "
         "Département, pas par la Ville. Nous lui avons transmis votre signalement et les "
         "soutiens reçus."),
    ],
    "piscine-dimanche": [(ProblemStatus.WITHDRAWN, 40, None, "")],
}

# Discussions: key -> [(author, days after the proposal, index of the comment answered, text)].
COMMENTS = {
    "bruit-nuit": [
        ("elodie", 1.2, None,
         "Pareil rue Sainte-Catherine, juste à côté. Le pire, c'est le vidage des bouteilles dans "
         "les conteneurs à verre en pleine nuit : ça résonne dans toute la cour."),
        ("kevin", 1.5, 0,
         "Faut aussi comprendre que c'est un des seuls coins vivants le soir dans cette ville. Si "
         "on ferme tout à minuit, les jeunes iront faire la fête ailleurs."),
        ("julien", 1.6, 1,
         "Personne ne demande de tout fermer ! Juste que la musique ne s'entende pas depuis la rue "
         "et que les conteneurs ne soient pas vidés à 2 h."),
        ("mei", 2.1, 1,
         "D'accord avec Kévin sur le fond, mais il y a un juste milieu. Dans d'autres villes, il y "
         "a des médiateurs de nuit qui passent dans les rues, ça marche plutôt bien."),
        ("hugo", 3.4, None,
         "Quelqu'un sait jusqu'à quelle heure les terrasses ont le droit d'ouvrir ? Samedi "
         "dernier, il y avait encore du monde dehors avec des verres à 2 h 30."),
        ("julien", 3.5, 4,
         "Jusqu'à 1 h normalement. Mais les clients restent ensuite devant avec des gobelets, et "
         "c'est là que ça dégénère."),
        ("sophie", 5.1, 4,
         "Bonjour à tous. Les horaires de terrasse sont fixés par arrêté municipal : 1 h du matin "
         "en centre-ville, tous les jours. Nous avons transmis vos messages à la police "
         "municipale et au service commerce, et le Lab étudie le sujet."),
        ("karine", 5.4, 6,
         "Merci pour la réponse. Ce serait bien d'avoir un numéro qui répond la nuit, même "
         "juste pour signaler."),
        ("yanis", 9.3, None,
         "Je travaille dans un de ces bars. On a installé un limiteur de son et on demande aux "
         "clients de parler moins fort en sortant, mais on ne peut pas gérer ce qui se passe à "
         "50 mètres. Ça vaudrait le coup de se mettre autour d'une table, habitants et patrons."),
        ("julien", 9.5, 8,
         "Carrément partant. Merci de le proposer, ça change des lettres recommandées."),
        ("elodie", 10.2, 9, "Partante aussi, je peux venir avec des voisins de l'immeuble."),
        ("sophie", 41.0, None,
         "Le Lab a retenu ce problème (voir l'historique). Une première rencontre entre "
         "riverains, gérants de bars et police municipale aura lieu à la Maison des "
         "associations ; nous annoncerons la date ici."),
        ("lucia", 41.6, 11, "Super nouvelle, je viendrai. J'habite juste au-dessus d'un bar."),
    ],
    "cni": [
        ("camille", 2.3, None,
         "Même chose pour mon passeport. J'ai fini par aller dans une commune à 40 km."),
        ("jean-pierre", 4.0, 0,
         "Attention, certaines communes refusent maintenant les personnes qui n'habitent pas "
         "chez elles."),
        ("moussa", 170.5, None,
         "J'ai testé l'alerte SMS : prévenu un mardi soir, rendez-vous le jeudi. Bravo !"),
        ("sophie", 171.2, 2,
         "Merci pour ce retour ! N'hésitez pas à nous dire aussi ce qui ne marche pas."),
    ],
    "cni-rdv": [
        ("nathalie", 1.4, None,
         "Vous pouvez vous inscrire à l'alerte SMS de désistement, c'est en test en ce moment. "
         "Ça m'a permis d'avoir un rendez-vous en une semaine."),
        ("moussa", 2.0, 0, "Merci, je ne connaissais pas. Je m'inscris tout de suite."),
    ],
    "bus-horaires": [
        ("jean-pierre", 3.2, None,
         "Tout à fait d'accord, et c'est encore pire le soir sans éclairage."),
        ("sophie", 12.5, None,
         "Bonjour, merci pour ce signalement. Les fiches horaires sont posées par l'exploitant "
         "du réseau : nous lui avons transmis votre demande de gros caractères."),
        ("bernadette", 13.0, 1, "Merci. J'attends de voir le résultat sur le poteau !"),
    ],
    "banc-tram": [
        ("bernadette", 1.1, None,
         "Merci de le proposer. J'ai 78 ans et je n'ose plus prendre le tram le soir à cause de "
         "l'attente debout."),
        ("ana", 62.0, None,
         "J'ai participé à l'atelier de test : c'était sympa d'essayer les assises en vrai."),
        ("thomas", 112.4, None,
         "Ma grand-mère a testé l'appui cette semaine, elle est ravie. Merci !"),
        ("karine", 150.3, 2,
         "Celui des Tilleuls-Poste est très bien aussi, on en voudrait partout."),
        ("sophie", 301.0, None,
         "Merci à toutes celles et ceux qui ont participé. Le calendrier de pose des 40 arrêts "
         "sera publié sur cette page."),
    ],
    "encombrants": [
        ("olivier", 2.2, None,
         "Dans ma résidence, le gardien a fini par louer une camionnette à ses frais. Pas normal."),
        ("fatoumata", 2.9, 0, "Exactement, et ce sont toujours les mêmes qui paient."),
        ("sophie", 121.0, None,
         "Un atelier pour tester les collectes à date fixe aura lieu à la maison de quartier "
         "Zone Sud. Inscrivez-vous en répondant ici."),
    ],
    "cantine": [
        ("camille", 0.8, None, "Oui ! Et il faut fournir le même justificatif CAF chaque année."),
        ("ines", 5.0, None,
         "Pensez aussi aux parents qui n'ont pas d'ordinateur : il faut garder une aide au "
         "guichet."),
        ("sophie", 6.3, 1,
         "C'est noté : toute solution testée gardera un accompagnement au guichet."),
        ("lea", 215.0, None,
         "Je viens de réinscrire mes enfants en ligne en dix minutes. Ça change la vie."),
    ],
    "passage-ecole": [
        ("jean-pierre", 0.6, None,
         "J'habite en face. Je confirme, j'ai vu deux frôlements le mois dernier."),
        ("sarah", 1.0, 0, "Merci de confirmer. On est beaucoup de parents à avoir peur."),
        ("mamadou", 3.4, None, "Un dos-d'âne avant le virage, ce serait un début."),
        ("karim", 15.0, None,
         "Les observations commencent lundi à 8 h. Les parents qui veulent participer peuvent "
         "répondre à ce message."),
        ("sarah", 15.5, 3, "Je serai là, avec deux autres mamans."),
    ],
    "ombre-aire": [
        ("kevin", 4.0, None, "Au square des Tilleuls aussi, les jeux sont en plein soleil."),
        ("lucia", 241.5, None,
         "Nous avons voté pour l'emplacement des voiles, hâte de voir ça en juillet."),
    ],
    "toilettes": [
        ("bernadette", 1.5, None,
         "À mon âge, c'est ce qui m'empêche d'aller en ville l'après-midi. Vraiment."),
        ("julien", 3.0, None,
         "Et quand elles sont ouvertes, elles sont souvent en panne ou dans un état lamentable."),
        ("sophie", 46.2, None,
         "Premier résultat de l'inventaire : sur 14 toilettes publiques, 6 sont fermées. Nous "
         "publierons la carte complète ici."),
    ],
    "ascenseur-metro": [
        ("aicha", 0.9, None,
         "Je suis en fauteuil et j'ai dû remonter deux stations plus loin la semaine dernière."),
        ("ana", 1.3, 0, "C'est exactement ce que je voulais dénoncer. Courage à vous."),
        ("karim", 22.0, None,
         "L'exploitant du réseau va afficher l'état des ascenseurs en temps réel sur son "
         "application. Nous suivrons cette piste avec vous."),
    ],
    "ccas-fauteuil": [
        ("olivier", 2.0, None,
         "Même souci à la maison de quartier Zone Sud : la porte est trop lourde pour être "
         "ouverte depuis un fauteuil."),
        ("sophie", 19.0, None,
         "Merci, la maison de quartier Zone Sud est ajoutée à la visite avec les associations."),
    ],
    "parc-soir": [
        ("nathalie", 2.5, None, "Je fais le tour moi aussi. Quinze minutes de plus chaque soir."),
        ("hugo", 96.0, None,
         "Dommage, mais si l'éclairage est vraiment refait au printemps, c'est l'essentiel."),
    ],
    "feu-boulevard": [
        ("fatoumata", 26.0, None,
         "Merci d'avoir transmis. Espérons que le Département agisse vite, les collégiens "
         "traversent là tous les jours."),
    ],
    "trottinettes": [
        ("camille", 1.7, None, "Idem rue de la Paix, c'est devenu un parcours d'obstacles."),
        ("kevin", 2.4, None,
         "Le vrai problème, c'est qu'il n'y a pas assez d'emplacements marqués. Les gens ne "
         "vont pas marcher 300 mètres pour en trouver un."),
        ("elodie", 2.8, 1, "Peut-être, mais ça n'empêche pas de les garer debout et au bord."),
    ],
    "creche": [
        ("lea", 3.0, None,
         "Même situation il y a deux ans. On a fini par trouver une assistante maternelle."),
        ("ines", 3.4, 0, "C'est ce qu'on va devoir faire aussi. Mais au moins qu'on sache !"),
    ],
    "velo-mairie": [
        ("julien", 1.5, None, "Soutenu ! Et un arceau pour les vélos cargo, si possible."),
    ],
    "piscine-dimanche": [
        ("ines", 20.0, None,
         "Bonne nouvelle : la piscine rouvre le dimanche après-midi à partir de septembre, "
         "c'est affiché à l'accueil."),
        ("yanis", 39.5, 0, "Super, merci ! Je retire donc ma proposition."),
    ],
}

# fmt: on


def _handle(user):
    """The short name the data uses for an account: its folded first name."""
    return user.email.split("@")[0].split(".")[0]


def _seed_citizens(districts, now):
    """Create the extra demo citizens that do not exist yet; return all of them."""
    by_slug = {d.slug: d for d in districts}
    password_hash = generate_password_hash(DEMO_PASSWORD)  # slow: computed once, shared
    citizens = []
    for position, (name, district) in enumerate(CITIZENS):
        email = fold(name).replace(" ", ".") + "@example.org"
        user = find_account(email)
        if user is None:
            user = User(
                email=email, display_name=name, role=Role.CITIZEN, locale="fr",
                district=by_slug[district], accepted_terms_at=utcnow(),
            )  # fmt: skip
            user.password_hash = password_hash
            # They joined before the oldest problem, one every few days.
            user.created_at = user.accepted_terms_at = now - timedelta(days=460 - 2 * position)
            db.session.add(user)
        citizens.append(user)
    db.session.flush()
    return citizens


def seed_problems(accounts, themes, districts):
    """Add the demo problems and their life on the platform, unless problems exist already."""
    if db.session.scalar(select(func.count()).select_from(Problem)):
        return
    now = utcnow()
    people = {_handle(user): user for user in accounts + _seed_citizens(districts, now)}
    for user in accounts:  # the demo accounts were there before their oldest problem
        user.created_at = min(user.created_at, now - timedelta(days=470))
    citizens = [user for user in people.values() if user.role is Role.CITIZEN]
    themes = {theme.slug: theme for theme in themes}
    districts = {district.slug: district for district in districts}
    rng = random.Random(2026)  # varied but identical from one run to the next
    for position, row in enumerate(PROBLEMS):
        key, author, theme, district, days_ago, supports, title, description = row
        author = people[author]
        problem = services.create_problem(
            author, title=title, description=description, theme_id=themes[theme].id,
            district_id=districts[district].id if district else None,
        )  # fmt: skip
        # With pre-moderation on, the demo publishes its problems as a moderator would.
        problem.status = ProblemStatus.PROPOSED
        # Different times of day, so that lists sorted by date look lived in.
        born = now - timedelta(days=days_ago, minutes=47 * position)
        problem.created_at = problem.updated_at = born
        fans = [people["camille"]] if key in CAMILLE_SUPPORTS else []
        others = [user for user in citizens if user not in fans and user is not author]
        for user in fans + rng.sample(others, supports - len(fans)):
            services.set_support(user, problem, True)
        # Comments come before decisions: a withdrawn problem no longer accepts them.
        posted = []
        for handle, days, reply_to, body in COMMENTS.get(key, []):
            parent_id = posted[reply_to].id if reply_to is not None else None
            comment = post_comment(people[handle], problem, body, parent_id=parent_id)
            comment.created_at = born + timedelta(days=days)
            posted.append(comment)
        for status, days, actor, note in DECISIONS.get(key, []):
            if status is ProblemStatus.WITHDRAWN:
                change = services.withdraw_problem(author, problem)
            else:
                change = services.change_status(people[actor], problem, status, note)
            change.created_at = problem.updated_at = born + timedelta(days=days)
    db.session.flush()
