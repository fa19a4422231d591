"""What the synthetic archive says: people's names, a Zipf-weighted vocabulary, story texts."""

import itertools

from django.utils.text import slugify

from core.text import fold

SLUG_PREFIX = "synthetic-"
BROAD_TERMS = {"prosecutor": 0.40, "county": 0.70}


def _words(text):
    return text.split()


FIRST_NAMES = _words("""
Aaron Abigail Adam Adrián Aisha Alan Alejandro Alexis Alicia Amanda Amir Ana Andrea Andrés Angela
Anthony Antonio Ariana Arturo Ashley Barbara Beatriz Benjamin Brandon Brenda Brian Camila Carlos
Carmen Catherine Cecilia Charles Christina Christopher Claudia Cristina Daniel David Deborah
Denise Diana Diego Dolores Dominic Donna Dorothy Eduardo Elena Elizabeth Emily Emmanuel Enrique
Eric Esperanza Esteban Eugene Evelyn Fatima Felipe Fernando Frances Francisco Gabriel Gabriela
George Gerardo Gloria Gregory Guadalupe Hannah Héctor Helen Hiroshi Hugo Ibrahim Irene Isabel
Ivan Jackie Jacob James Janet Jason Javier Jennifer Jessica Joaquín John Jonathan Jorge José
Joseph Joshua Juan Julia Julián Karen Kenji Kevin Kimberly Laura Lauren Leticia Linda Lucía
Luis Manuel Marcus María Mario Martha Matthew Megan Michael Michelle Miguel Min Mónica Nancy
Nathan Nicole Noah Norma Olivia Omar Óscar Pablo Patricia Patrick Paul Pedro Rachel Rafael Ramón
Raquel Raúl Rebecca Ricardo Richard Roberto Rocío Rosa Ruth Samuel Sandra Sara Sergio Sharon
Sofía Stephanie Steven Susan Teresa Thomas Timothy Tomás Valeria Verónica Victor Víctor Walter
Wei William Xavier Yolanda Yusuf Zoe
""")

LAST_NAMES = _words("""
Abbott Acosta Aguilar Alvarado Álvarez Anderson Andrade Arias Ávila Bailey Baker Banks Barnes
Bélanger Bell Benítez Bennett Blanco Bowen Brooks Brown Bryant Burke Butler Caldwell Calderón
Campbell Campos Cárdenas Carrillo Carter Castañeda Castillo Castro Chan Chávez Chen Choi Clark
Cohen Coleman Collins Contreras Cook Cooper Cortés Cruz Daniels Davis Delgado Díaz Domínguez
Duarte Edwards Ellis Espinoza Estrada Evans Fernández Figueroa Fisher Flores Foster Franco
Fuentes Galindo Gallegos García Garza Gascón Gibson Gómez González Gordon Graham Gray Green
Griffin Guerrero Gutiérrez Guzmán Hall Hamilton Harris Hayes Henderson Hernández Herrera Hill
Hoffman Holmes Howard Huang Hughes Ibáñez Jackson James Jenkins Jiménez Johnson Jones Jordan
Kang Kelly Kennedy Kim King Knight Lara Lee León Lewis Lim Liu López Lozano Luna Maldonado
Marín Márquez Marshall Martin Martínez Medina Mejía Méndez Mendoza Meyer Miller Mitchell Molina
Montes Moore Morales Moreno Muñoz Murphy Murray Navarro Nelson Nguyen Núñez Ochoa Olson Ortega
Ortiz Owens Pacheco Padilla Park Parker Patel Peña Pérez Perry Peterson Phillips Pierce Powell
Price Quintero Ramírez Ramos Reed Reyes Reynolds Ríos Rivas Rivera Roberts Robinson Rodríguez
Rojas Romero Rosales Ross Rubio Ruiz Russell Salazar Salinas Sánchez Sandoval Santiago Santos
Schmidt Scott Serrano Shaw Silva Simmons Singh Smith Solís Soto Stewart Suárez Sullivan Tan
Taylor Thomas Thompson Torres Tran Turner Valdez Valencia Vargas Vásquez Vega Velásquez Wagner
Walker Wallace Wang Ward Warren Washington Watson Webb Wells White Williams Wilson Wong Wright Wu
Yamamoto Young Zamora Zhang
""")

FORMAL = {"Jackie": "Jacquelyn", "Tom": "Thomas", "Joe": "Joseph", "Mike": "Michael"}

NEWS_WORDS = _words("""
the of and to a in for on that with was said as by at from his her their it is be has have
had not but an who they this which were will after about been more would one new also over two
than its when what into first some other up out there all last year years could she he we i
district attorney office court judge jury trial case cases charge charges charged defendant
defense sentence sentencing prison jail bail police sheriff deputy deputies officer officers
shooting crime crimes violent victim victims family families witness evidence investigation
campaign election ballot vote voters votes runoff primary candidate candidates endorsement
endorsed poll polls percent points lead race incumbent challenger recall signatures measure
policy policies reform reforms progressive union unions donors money fundraising raised spent
committee mailers ads television board supervisors mayor city state federal law laws statute
public safety community communities residents neighborhood downtown angeles los
california sacramento legislature governor senate assembly bill bills hearing hearings
statement spokesman spokeswoman interview told asked according report reported records data
review audit budget staff hiring morale lawsuit lawsuits settlement appeal appeals ruling
conviction convictions plea deal homicide murder robbery theft fentanyl drug drugs gang
juvenile youth mental health homelessness housing reentry diversion restorative justice
""")

SYLLABLES = _words("""ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo
mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zo
an en in on ar er ir or al el il ol est ent ion ing ter ver der""")


def _zipf_cumulative(count, exponent=1.05):
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


class Vocabulary:
    """Words with Zipf-like frequencies, and a pool of sentences made from them."""

    def __init__(self, rng, size=6000, sentences=40_000):
        made = set(NEWS_WORDS) | set(BROAD_TERMS)
        pseudo = []
        while len(pseudo) < size - len(NEWS_WORDS):
            word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
            if word not in made:
                made.add(word)
                pseudo.append(word)
        # Real newsroom words take the frequent ranks, invented ones the long tail; the broad
        # terms stay out of the pool so their share is set exactly by ``Story``.
        words = [w for w in NEWS_WORDS if w not in BROAD_TERMS] + pseudo
        weights = _zipf_cumulative(len(words))
        self.sentences = []
        for _ in range(sentences):
            chosen = rng.choices(words, cum_weights=weights, k=rng.randint(8, 24))
            chosen[0] = chosen[0].capitalize()
            self.sentences.append(" ".join(chosen) + ".")
        self.headline_words = words[:2000]


class People:
    """Synthetic people: names, other names, and the skew of who is in the news."""

    def __init__(self, rng, count):
        self.rows = []  # (name, slug, sort_name, other names [(name, kind)])
        for n in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{first} {last}"
            others = []
            if fold(name) != name.lower() and rng.random() < 0.9:
                others.append((fold(name).title(), "spelling"))
            if rng.random() < 0.45:
                others.append((last, "short"))
            if first in FORMAL or rng.random() < 0.15:
                others.append(
                    (
                        f"{FORMAL.get(first, first)} {rng.choice(LAST_NAMES[:40])[0]}. {last}",
                        "formal",
                    )
                )
            self.rows.append(
                (name, f"{SLUG_PREFIX}{n}-{slugify(name)}", f"{last}, {first}", others)
            )
        self.weights = _zipf_cumulative(count, exponent=0.9)

    def pick(self, rng, k):
        return list(
            dict.fromkeys(rng.choices(range(len(self.rows)), cum_weights=self.weights, k=k))
        )


def story_text(rng, vocabulary, people, mentioned):
    """Headline, dek, body and the names used, for one story."""
    named = [people.rows[i][0] for i in mentioned]
    words = rng.choices(vocabulary.headline_words, k=rng.randint(5, 12))
    headline = " ".join([named[0].split()[-1], *words] if named else words)
    headline = headline[:1].upper() + headline[1:]
    dek = " ".join(rng.choices(vocabulary.headline_words, k=rng.randint(15, 35))).capitalize() + "."
    target = rng.randint(150, 650)
    sentences, words = [], 0
    while words < target:
        sentence = rng.choice(vocabulary.sentences)
        sentences.append(sentence)
        words += sentence.count(" ") + 1
    for position, name in enumerate(named):
        at = rng.randrange(len(sentences))
        said = f"{name} said {rng.choice(vocabulary.sentences).lower()}"
        sentences.insert(min(at, position * 3), said)
        sentences.insert(
            rng.randrange(len(sentences)), f"{name.split()[-1]} did not comment further."
        )
    for term, share in BROAD_TERMS.items():
        if rng.random() < share:
            sentences.insert(
                rng.randrange(len(sentences)),
                f"The {term} {rng.choice(vocabulary.sentences).lower()}",
            )
    paragraphs = min(rng.randint(4, 12), len(sentences))
    ends = [len(sentences) * n // paragraphs for n in range(paragraphs + 1)]
    body = "\n\n".join(" ".join(sentences[a:b]) for a, b in itertools.pairwise(ends))
    return headline, dek, body
