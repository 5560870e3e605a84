"""The demo problems as their authors proposed them, in French, for `platform.demo.problems`."""

# The data is laid out by hand, one problem per block: the formatter leaves it alone.
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

# fmt: on
