"""What followed the demo problems' proposal, in French: the lab's decisions and the comments."""

from platform.ideas.models import ProblemStatus

# The data is laid out by hand, one decision or comment per block: the formatter leaves it alone.
# fmt: off

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
