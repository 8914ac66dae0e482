"""Every Dutch sentence the core says to users, in one catalogue (ready for translation).

Templates here are our own constants; text from input files is only ever a value passed
to `str.format`, never a template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

# --- files -------------------------------------------------------------------------------
FILE_NOT_FOUND = "bestand niet gevonden. Controleer het pad."
FILE_IS_DIR = "dit is een map, geen bestand. Geef het pad naar een YAML-bestand."
FILE_NOT_READABLE = "geen leesrechten voor dit bestand."
FOLDER_NOT_READABLE = "geen leesrechten voor deze map; de bestanden erin zijn niet gelezen."
FILE_NOT_REGULAR = (
    "dit is geen gewoon bestand (maar een pipe, apparaat of socket); wijzer leest alleen "
    "bestanden, en standaardinvoer met '-'."
)
FILE_OS_ERROR = "het bestand kan niet gelezen worden ({reason})."
FILE_TOO_BIG = (
    "het bestand is te groot ({size} bytes; maximaal {max}). "
    "Een antwoordbestand of regelset is veel kleiner; is dit het goede bestand?"
)
BINARY_FILE = "dit lijkt een binair bestand (het bevat NUL-bytes); verwacht werd YAML-tekst."
ENCODING_UTF16 = "het bestand is in UTF-16 opgeslagen; sla het op als UTF-8."
NOT_UTF8 = (
    "het bestand is geen geldige UTF-8-tekst (byte 0x{byte:02x}). "
    "Sla het op als UTF-8 (in de meeste editors: 'Opslaan als' > codering UTF-8)."
)
EMPTY_FILE = "het bestand is leeg; verwacht werd een YAML-document met {expected}."
MULTIPLE_DOCUMENTS = (
    "het bestand bevat {count} YAML-documenten ('---'); hier wordt er één verwacht."
)
DOCUMENT_TOO_BIG = (
    "dit document is te groot (meer dan {max} bytes); het is overgeslagen. Eén project "
    "is veel kleiner: ontbreekt er een '---' tussen twee documenten?"
)
BATCH_HINT = "Gebruik 'wijzer batch' voor meerdere projecten in één bestand."

# --- YAML syntax and limits ---------------------------------------------------------------
YAML_TOO_DEEP = "het document is te diep genest (meer dan {max} niveaus)."
YAML_TOO_MANY_NODES = (
    "het document wordt te groot na het uitvouwen van aliassen (meer dan {max} elementen); "
    "mogelijk een 'alias-bom'."
)
YAML_COMPLEX_KEY = "een sleutel moet een eenvoudige waarde zijn, geen lijst of mapping."
YAML_KEY_TOO_LONG = (
    "deze sleutel is langer dan 1024 tekens; zo lang is geen vraag of optie. Ontbreekt er "
    "een regelovergang of een dubbele punt?"
)
YAML_DUPLICATE_KEY = "de sleutel '{key}' komt twee keer voor in dezelfde mapping."
YAML_BAD_MERGE = "'<<' verwacht een mapping (of een lijst van mappings) om samen te voegen."
YAML_BAD_TAG = (
    "het YAML-label '{tag}' is niet toegestaan; alleen gewone tekst, getallen en lijsten."
)
YAML_BAD_SCALAR = "de waarde '{value}' past niet bij het label '{tag}'."
YAML_CONTROL = (
    "de tekst bevat een stuurteken ({char}); in een terminal of rapport zou dat iets anders "
    "doen dan tekst tonen. Laat het weg."
)

_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "hier mag geen ':' staan. Staat er een dubbele punt in "
        "een waarde zonder aanhalingstekens, of klopt de inspringing niet?",
    ),
    ("could not find expected ':'", "na een sleutel werd een ':' verwacht."),
    ("did not find expected key", "hier werd een sleutel verwacht; klopt de inspringing?"),
    (
        "did not find expected '-' indicator",
        "hier werd een lijstelement ('- ') verwacht; klopt de inspringing?",
    ),
    ("did not find expected ',' or ']'", "in deze lijst werd ',' of ']' verwacht."),
    ("did not find expected ',' or '}'", "in deze mapping werd ',' of '}' verwacht."),
    (
        "found unexpected end of stream",
        "het bestand houdt onverwacht op; mist er een aanhalingsteken of haakje?",
    ),
    (
        "that cannot start any token",
        "dit teken kan hier niet staan (een tab? gebruik spaties om in te springen).",
    ),
    ("found a tab character", "gebruik spaties om in te springen, geen tabs."),
    (
        "found unknown escape character",
        "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens.",
    ),
    ("found undefined alias", "onbekende alias: er is geen anker met die naam."),
    (
        "unacceptable character",
        "het bestand bevat een teken dat in YAML niet mag (een stuurteken).",
    ),
    (
        "expected <document start>",
        "na het eerste document volgt nog iets; begin een nieuw "
        "document met '---' of verwijder het.",
    ),
    ("found duplicate anchor", "hetzelfde anker (&naam) wordt twee keer gedefinieerd."),
    (
        "did not find expected node content",
        "hier werd een waarde verwacht; mist er een haakje, of staat er een komma te veel?",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "na '&' of '*' hoort een naam (een anker of alias); zet de waarde tussen "
        "aanhalingstekens als het teken erbij hoort.",
    ),
    (
        "did not find expected tag URI",
        "na '!' hoort een tag; zet de waarde tussen aanhalingstekens als het teken erbij hoort.",
    ),
    ("while scanning a quoted scalar", "een tekst tussen aanhalingstekens wordt niet afgesloten."),
    ("found character that cannot start", "dit teken kan hier niet staan."),
    ("maximum nesting depth", "het document is te diep genest."),
)


def yaml_problem(problem: str) -> str:
    """Translate a PyYAML/libyaml problem description into a Dutch sentence."""
    for fragment, dutch in _YAML_PROBLEMS:
        if fragment in problem:
            return f"ongeldige YAML: {dutch}"
    return f"ongeldige YAML ({problem.strip() or 'onbekende fout'})."


# --- validation ---------------------------------------------------------------------------
DID_YOU_MEAN = "Bedoelde u '{guess}'?"
VALID_ARE = "Geldig: {valid}."
UNKNOWN_KEY = "onbekende sleutel '{key}'."
MISSING_KEY = "de sleutel '{key}' ontbreekt."
EXPECTED_TEXT = "verwacht tekst, maar gevonden: {got}."
EXPECTED_INT = "verwacht een geheel getal, maar gevonden: {got}."
EXPECTED_LIST = "verwacht een lijst, maar gevonden: {got}."
EXPECTED_MAPPING = "verwacht een mapping (sleutel: waarde), maar gevonden: {got}."
EXPECTED_CHOICE = "verwacht een van {choices}, maar gevonden: {got}."
INVALID_VALUE = "ongeldige waarde: {reason}"
TOO_LONG = "deze tekst is te lang ({got} tekens; hoogstens {max})."
TYPE_NAMES = {
    "str": "tekst",
    "int": "een getal",
    "float": "een getal",
    "bool": "ja/nee (true/false)",
    "NoneType": "niets (leeg)",
    "list": "een lijst",
    "dict": "een mapping",
    "datetime": "een datum",
    "date": "een datum",
}

HUGE_NUMBER = "(een getal van zo'n {digits} cijfers)"
KIND_NAMES = {
    "str": "een tekst",
    "int": "een getal",
    "float": "een getal",
    "bool": "ja/nee (true/false)",
    "list": "een lijst",
    "datetime": "een datum",
    "date": "een datum",
}
KIND_OTHER = "iets anders"
NOT_A_MAPPING = (
    "dit is geen bestand voor wijzer: verwacht werd {expected}, maar het document is {kind}."
)

# --- answer files -------------------------------------------------------------------------
ANSWERS_EXPECTED = "een mapping met 'antwoorden:'"
ANSWERS_VERSION = (
    "antwoordbestand-formaat {got} wordt niet ondersteund; deze versie van wijzer leest "
    "formaat {supported}."
)
UNKNOWN_QUESTION = "onbekende vraag '{question}'."
UNKNOWN_OPTION = "'{option}' is geen optie van de vraag '{question}'."
SINGLE_EXPECTED = "de vraag '{question}' heeft één antwoord; gevonden: een lijst. Kies één optie."
UNKNOWN_NOT_ALONE = "'weet_ik_niet' kan niet samen met andere opties gekozen worden."
DUPLICATE_OPTION = "de optie '{option}' staat twee keer in de lijst."
ANSWER_TYPE = "verwacht een optie-id (tekst){multi}, maar gevonden: {got}."
ANSWER_TYPE_MULTI = " of een lijst van optie-ids"

# --- rule sets ----------------------------------------------------------------------------
RULESET_EXPECTED = "een regelset met 'wijzer_regels:'"
RULESET_VERSION_MISSING = (
    "dit is geen wijzer-regelset: de sleutel 'wijzer_regels' (formaatversie) ontbreekt."
)
RULESET_VERSION = (
    "regelset-formaat {got} wordt niet ondersteund; deze versie van wijzer leest formaat "
    "{supported}."
)
REF_UNKNOWN = "verwijst naar onbekend{kind} '{ref}'."
REF_KIND = {
    "vraag": "e vraag",
    "optie": "e optie",
    "niveau": " niveau",
    "tip": "e tip",
    "bron": "e bron",
    "categorie": "e categorie",
}
PLAN_SINGLE = "het procesplan volgt de fase uit één antwoord; '{question}' heeft er meerdere."
ID_NOT_PLAIN = "een id moet op één regel passen: geen regelovergang, tab of stuurteken"
DUPLICATE_ID = "de id '{id}' komt meer dan eens voor."
LEVEL_IN_LEVEL_RULE = (
    "een regel die het niveau bepaalt (voorstel, plafond, bodem) kan geen voorwaarde op "
    "'niveau' hebben: het niveau volgt juist uit die regels."
)
OPERATOR_FOR_SINGLE = "'bevat' werkt alleen bij een vraag met meerdere antwoorden."
OPERATOR_FOR_MULTI = "'is' werkt alleen bij een vraag met één antwoord; gebruik 'bevat'."
ASSUMPTION_INVALID = "de aanname '{option}' is geen optie van deze vraag."
RESERVED_OPTION = "de optie-id 'weet_ik_niet' is gereserveerd; wijzer voegt die zelf toe."

# --- inference ----------------------------------------------------------------------------
NO_PROPOSAL = (
    "Geen enkele regel deed een voorstel voor het niveau; de regelset heeft hier een gat. "
    "Het laagste niveau is aangehouden."
)
FLOOR_ABOVE_CAP = (
    "Het onderwerp vraagt eigenlijk om minstens {floor}, maar de gemeente kan niet meer "
    "waarmaken dan {cap}. Het advies houdt het bij {cap}: beloof inwoners niet meer dan u "
    "kunt nakomen, en kijk of er toch iets open kan."
)
PROVISIONAL = (
    "Dit advies is voorlopig: het antwoord op {questions} kan het niveau nog veranderen. "
    "Zoek dat eerst uit, voordat u inwoners iets belooft."
)


def number(value: int) -> str:
    """A whole number as Dutch readers write it: 1.548.288.000."""
    return f"{value:,}".replace(",", ".")


def decimal(value: float, digits: int = 2) -> str:
    """A number with a decimal comma, as Dutch readers write it: 0,04 and 1.234,50."""
    whole, _, fraction = f"{value:.{digits}f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    shown = sign + number(int(whole.lstrip("-")))
    return f"{shown},{fraction}" if fraction else shown


def listing(items: list[str], conjunction: str = " en ") -> str:
    """Items as a Dutch enumeration: 'a', 'a en b', 'a, b en c' (or with 'of')."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]


# --- advice presentation (shared by the text, Markdown and later HTML renderers) ----------
ADVICE_TITLE = "Participatieadvies"
RUNG_ADVICE = "aanbevolen"
RUNG_AMBITION = "gewenst"
RUNG_CAP = "haalbaar"
RECOMMENDED = "Aanbevolen niveau: {level}"
RECOMMENDED_PROVISIONAL = "Aanbevolen niveau: {level} — voorlopig"
SUMMARY_DECIDED_LABEL = "Bepalend"
SUMMARY_DECIDED = "{answers} {effect}."
SUMMARY_ALWAYS = "Elk project"
SUMMARY_DECIDED_MORE = "En nog {count} andere (zie 'Waarom dit niveau')."
SUMMARY_TENSION_LABEL = "Spanning"
SUMMARY_TENSION = "u wilt {ambition}, maar wat de gemeente kan waarmaken houdt op bij {cap}."
SUMMARY_PROVISIONAL_LABEL = "Voorlopig"
SUMMARY_PROVISIONAL = (
    "het niveau kan nog veranderen zodra bekend is: {questions}. Beloof inwoners nog niets."
)
SUMMARY_STEPS = "Eerst doen"
DEPTH_BOTH = "kies --kort of --volledig, niet allebei."
DEPTH_TEXT_ONLY = (
    "{option} geldt voor de tekstuitvoer; --formaat json, yaml en markdown geven altijd alles."
)
SUMMARY_MORE = "Alles voluit: --volledig · als participatieplan: --uitvoer plan.html"
LADDER_SEPARATOR = " · "
SECTION_LEVEL = "Wat dit niveau inhoudt"
ITEM_MEANING = "Betekenis"
ITEM_PROMISE = "Belofte aan inwoners"
ITEM_ASKS = "Wat het vraagt van de organisatie"
ITEM_RISKS = "Let op"
SECTION_REASONS = "Waarom dit niveau"
REASONS_LEGEND_TEXT = "● bepaalde het niveau   • woog mee"
REASONS_NOT_BINDING = "Woog mee, maar bepaalde het niveau niet: {items}."
REASON_BRIEF = "{answer} ({effect})"
EFFECT_PHRASE = {
    "voorstel": "vraagt om {level}",
    "plafond": "houdt het bij {level}",
    "bodem": "minstens {level}",
}
REASON_ALWAYS = "Bij elk project"
UNKNOWN_IN_REASON = "{answer} (aangenomen: {assumed})"
SECTION_TENSION = "Wat u wilt en wat de gemeente kan waarmaken"
TENSION_INTRO = (
    "Uw doel en de andere antwoorden vragen om {ambition}, maar wat de gemeente kan "
    "waarmaken houdt op bij {cap}. Beloof inwoners niet meer dan {level}."
)
SECTION_CHANGE = "Wat het advies zou veranderen"
CHANGE_UP = "Met {changes} wordt het advies {level}."
CHANGE_DOWN = "Blijkt {changes}, dan wordt het advies {level}."
CHANGE_CHOICE = "Kiest u {changes}, dan wordt het advies {level}."
CHANGE_PART = "{question} '{answer}'"
AND = " en "
OR = " of "
SECTION_RISK = "Wat het advies lager zou maken"
CHANGE_INFLUENCE = "Dit heeft de gemeente zelf in de hand."
SECTION_UNKNOWN = "Nog uit te zoeken"
UNKNOWN_ASSUMED = "Aangenomen: {assumed}."
UNKNOWN_NO_ASSUMPTION = "Geen aanname: deze vraag telt nu niet mee."
UNKNOWN_PER_ANSWER = "Per antwoord: {pairs}."
UNKNOWN_SAME = "Het advies blijft {level}, wat het antwoord ook is."
UNKNOWN_SAME_FOR_NOW = (
    "Zolang ook {others} open is, verandert dit antwoord het advies niet; dat kan anders "
    "worden zodra dat bekend is."
)
UNKNOWN_SAME_FOR_NOW_MANY = (
    "Zolang ook {others} open zijn, verandert dit antwoord het advies niet; dat kan anders "
    "worden zodra die bekend zijn."
)
UNKNOWN_FIRST = "Zoek eerst uit: {questions}. Dat antwoord kan het niveau nog veranderen."
UNKNOWN_FIRST_MANY = "Zoek eerst uit: {questions}. Die antwoorden kunnen het niveau nog veranderen."
SECTION_WARNINGS = "Waarschuwingen"
SECTION_GROUPS = "Per groep"
GROUP_LINE = "{group}: {level}"
GROUP_LINE_OTHER = "{group}: {level} (anders dan het advies voor het hele project)"
GROUP_TIPS = "Aanpak: {tips}"
TIP_WHY = "Waarom: {why}"
MORE_TIPS = "Ook van belang: {titles}."
MORE_TITLES = " en nog {count} andere"
SECTION_TIPS = "Tips"
MORE_ITEMS = "Nog {count} andere: zie --volledig."
SECTION_ANSWERS = "Uw antwoorden"
ANSWERS_LEGEND_TEXT = "? nog niet bekend"
UNKNOWN_LEGEND_TEXT = "? nog niet bekend"
UNKNOWN_LEVELS = (
    "Afhankelijk van het antwoord wordt het advies {levels} (per antwoord: --volledig)."
)
FOOTER = "Regelset: {name} {version} (hash {hash})."
FOOTER_REPRODUCIBLE = "Met dezelfde regelset en antwoorden geeft wijzer hetzelfde advies."

# --- the ladder (wijzer niveaus) ----------------------------------------------------------
LEVELS_TITLE = "De participatieladder"
LEVELS_INTRO = (
    "Van laag naar hoog. Hoger is niet vanzelf beter: het juiste niveau is het niveau dat de "
    "gemeente kan waarmaken. Bij elk niveau weten inwoners vooraf hoeveel invloed ze hebben."
)
LEVELS_WORK_FORMS = "Werkvormen"

# --- command line -----------------------------------------------------------------------------
SET_FORMAT = "'--set {item}' verwacht de vorm vraag=optie, bijvoorbeeld --set draagvlak=groot."
WRITE_FAILED = "kan '{path}' niet schrijven ({reason}); een bestaand bestand is niet aangeraakt."
WRITE_FAILED_DIRECT = "kan niet naar '{path}' schrijven ({reason})."
WRITE_IS_DIR = "'{path}' is een map; geef een bestandsnaam."
WRITE_NOT_FOLDER = "'{path}' bestaat al en is geen map."
WRITE_NO_FOLDER = (
    "kan '{path}' niet schrijven: de map '{folder}' bestaat niet. Maak hem eerst aan, of "
    "kies een andere plek."
)
WRITE_NOT_REGULAR = (
    "'{path}' is geen gewoon bestand, terminal of pipe (een blokapparaat of socket?); "
    "wijzer schrijft daar niet naar."
)
OUTPUT_IS_INPUT = (
    "de uitvoer '{path}' is ook invoer ({source}); wijzer zou lezen wat het overschrijft. "
    "Kies een andere naam voor --uitvoer."
)
STDIN_NAME = "de standaardinvoer"
STDOUT_CLOSED = "de standaarduitvoer is gesloten; wat daar zou verschijnen, gaat verloren."
OUTPUT_FAILED = "kan de uitvoer niet schrijven ({reason})."
FILE_FAILED = "lezen of schrijven van '{path}' mislukt ({reason})."
TERMINATED = "wijzer: gestopt ({signal})."
INTERRUPTED_PLAIN = "wijzer: onderbroken."
INTERNAL_ERROR = (
    "wijzer: interne fout ({kind}: {error}). Dit is een fout in wijzer; zet WIJZER_DEBUG=1 "
    "voor details en meld het."
)
OS_REASONS = {
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijfruimte (quotum) is op",
    "EACCES": "geen schrijf- of leesrechten",
    "EPERM": "dat is niet toegestaan",
    "EROFS": "het bestandssysteem is alleen-lezen",
    "ENOENT": "het pad bestaat niet",
    "ENOTDIR": "een deel van het pad is geen map",
    "EISDIR": "dit is een map",
    "ENXIO": "er leest niemand uit deze pipe",
    "EPIPE": "de lezer is gestopt",
    "EIO": "invoer-/uitvoerfout van het apparaat",
    "ENAMETOOLONG": "de naam is te lang",
    "ELOOP": "te veel symbolische links achter elkaar",
    "EMFILE": "te veel open bestanden",
    "EBUSY": "het bestand is in gebruik",
    "ETXTBSY": "het bestand is in gebruik",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Dutch where the cause is a common one."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return OS_REASONS.get(name) or exc.strerror or type(exc).__name__


# --- the interview (wijzer advies in a terminal) -------------------------------------------
NO_TERMINAL = (
    "er is geen terminal om vragen te stellen (invoer of uitvoer is omgeleid). Geef de "
    "antwoorden in een bestand: wijzer advies --antwoorden project.yaml (of '-' voor "
    "standaardinvoer); 'wijzer advies --help' toont de opties."
)
INTERVIEW_WELCOME = (
    "Participatiewijzer — {questions}. Kies met de pijltjes en Enter; ← gaat terug naar "
    "de vorige vraag, ? toont uitleg. Uw antwoorden worden na elke vraag bewaard."
)


def questions_count(count: int) -> str:
    """'1 vraag', '11 vragen'."""
    return f"{count} vraag" if count == 1 else f"{count} vragen"


QUESTION_PROGRESS = "Vraag {number} van {total} · {text}"
INSTRUCTION_SELECT = "(↑↓ kiezen · Enter · ← terug · ? uitleg)"
INSTRUCTION_CHECKBOX = "(↑↓ · spatie kiest · Enter · ← terug · ? uitleg)"
INSTRUCTION_SIMPLE = "(↑↓ kiezen · Enter)"
YES = "Ja"
NO = "Nee"
CHOICE_UNKNOWN = "Weet ik niet"
CHECKBOX_NONE = "niets gekozen"
CHECKBOX_MANY = "{count} gekozen"
CHOICE_BACK = "← Vorige vraag"
CHOICE_HELP = "? Uitleg bij deze vraag"
FIRST_QUESTION = "Dit is de eerste vraag."
NO_HELP = "Bij deze vraag is geen extra uitleg."
NOTHING_TICKED = "U hebt niets aangevinkt. Telt dat als 'weet ik niet'?"
ASSUMPTION_NOTE = "Bij 'weet ik niet' gaat wijzer uit van: {assumed}."
TEXT_TOO_LONG = "Hoogstens {max} tekens, dit zijn er {got}."
PROJECT_NAME = "Naam van het project (Enter om over te slaan):"
MUNICIPALITY = "Gemeente (Enter om over te slaan):"
REVIEW_TITLE = "Uw antwoorden"
REVIEW_COLUMNS = ("Vraag", "Antwoord", "Bron")
REVIEW_PROMPT = "Kloppen de antwoorden?"
REVIEW_CONFIRM = "✔ Ja, maak het advies"
REVIEW_EDIT = "Wijzig: {label} ({answer})"
REVIEW_MANY = "{count} gekozen: {answers}"
REVIEW_FIXED = "{label}: vastgezet op de opdrachtregel"
DRAFT_FOUND = "Er is een onderbroken vraaggesprek ({answers}, {path})."
DRAFT_QUESTION = "Wat wilt u doen?"
DRAFT_BROKEN = (
    "Het concept van een eerder vraaggesprek is niet meer te lezen ({reason}); het staat nu "
    "in {path}."
)
DRAFT_BROKEN_KEPT = (
    "Het concept {path} is niet meer te lezen ({reason}) en kon ook niet opzij gezet worden "
    "({why}); het blijft staan zoals het is."
)
DRAFT_FOLDER_FILE = (
    "de map voor concepten, {folder}, is een bestand en geen map, dus tussentijds bewaren "
    "kan niet. Verwijder of hernoem dat bestand, of zet WIJZER_DATA op een map."
)
DRAFT_FOLDER_UNUSABLE = (
    "in de map voor concepten, {folder}, kan wijzer niet bewaren ({reason}). Zet "
    "WIJZER_DATA op een map waarin u mag schrijven."
)
DRAFT_FOLDER_FULL = "in {folder} kan geen nieuw concept worden aangemaakt; ruim oude concepten op."
DRAFT_SAVE_FAILED = (
    "Let op: uw antwoorden konden niet bewaard worden ({reason}). Het vraaggesprek gaat "
    "door; het vorige concept blijft staan."
)
DRAFT_TAKEN = "Dat concept is net door een ander vraaggesprek geopend; we beginnen opnieuw."
DRAFT_RESUME = "Verdergaan waar u was gebleven"
DRAFT_FRESH = "Opnieuw beginnen (het concept wordt verwijderd)"
DRAFT_NONE = "er is geen onderbroken vraaggesprek om te hervatten ({path})."
INTERRUPTED = (
    "Onderbroken. Uw antwoorden zijn bewaard in {path}; ga verder met 'wijzer advies --hervat'."
)
INTERRUPTED_UNSAVED = (
    "Onderbroken. Het laatste antwoord kon niet bewaard worden; wat eerder bewaard is, staat "
    "in {path} (verder met 'wijzer advies --hervat')."
)
INTERRUPTED_EMPTY = "Onderbroken. Er was nog niets ingevuld, dus er is niets bewaard."
DRAFT_KEPT = "Uw antwoorden staan nog in het concept {path}."
DRAFTS_FOUND = "Er zijn {count} onderbroken vraaggesprekken (in {folder})."
DRAFTS_FRESH = "Opnieuw beginnen (de {count} concepten worden verwijderd)"
DRAFT_TITLE = "Verder met {project} ({answers}, {saved})"
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def answers_count(count: int) -> str:
    """'1 antwoord', '3 antwoorden'."""
    return f"{count} antwoord" if count == 1 else f"{count} antwoorden"


def moment(when: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """A moment as Dutch readers write it: '1 december, 16:42' (this year), else
    '1 december 2025, 16:42'."""
    year = "" if now is not None and now.year == when.year else f" {when.year}"
    return f"{when.day} {MONTHS[when.month - 1]}{year}, {when:%H:%M}"


DRAFT_NO_NAME = "een project zonder naam"
CONFIG_HEADER = (
    "# Instellingen van wijzer: wie het participatieplan opstelt en welke regelset "
    "(zie: wijzer config)."
)
CONFIG_INVALID = 'dit bestand met instellingen is geen geldige TOML (sleutel = "tekst" per regel).'
CONFIG_UNREADABLE = "het bestand met instellingen is niet te lezen ({reason})."
CONFIG_WHERE = "Instellingen: {path}{state}"
CONFIG_NONE = " (nog niet aangemaakt)"
CONFIG_FROM_ENV = "uit {variable}"
CONFIG_UNSET = "nog niet ingevuld; het vraaggesprek vraagt ernaar"
CONFIG_DEFAULT_RULES = "de ingebouwde standaardregelset"
CONFIG_BAD_SET = "'{given}' is geen SLEUTEL=WAARDE met een van deze sleutels: {keys}."
CONFIG_NO_RULES = "de regelset '{path}' bestaat niet."
CONFIG_SKIPPED = "Let op: {error} wijzer gaat verder zonder wat daarin staat."
PLAN_ASK_AFDELING = "Afdeling of team, voor het participatieplan (leeg laten mag):"
PLAN_ASK_OPSTELLER = "Opgesteld door, voor het participatieplan (leeg laten mag):"
SAVE_ANSWERS = "Antwoorden bewaren als antwoordbestand?"
SAVE_REPORT = "Het advies bewaren als participatieplan (.html, .md of .docx)?"
SAVE_WHERE = "Bestandsnaam:"
SAVE_OVERWRITE = "{path} bestaat al. Overschrijven?"
SAVED = "Bewaard: {path}"
SAVED_ANSWERS = "Uw antwoorden: {path}"
SAVED_REPORT = "Participatieplan: {path}"
LAST_KEPT = "Uw antwoorden staan ook in {path}."

# --- batch --------------------------------------------------------------------------------
STRICT_UNKNOWN = "--strikt: onbekende antwoorden bij {questions}."
BATCH_COLUMNS = ("Bestand", "Project", "Gemeente", "Niveau", "Houdt tegen", "Onb.", "Wrs.")
BATCH_LEGEND = (
    "Houdt tegen: het antwoord waardoor het niveau lager uitvalt dan gewenst. "
    "Onb.: onbekende antwoorden. Wrs.: waarschuwingen."
)
BATCH_ERROR = "fout"
BATCH_SUMMARY = "{ok} van {total} documenten beoordeeld, {bad} met fouten."
BATCH_DISTRIBUTION = "Verdeling over de ladder"
BATCH_PROGRESS = "Beoordelen"
LINK_OUTSIDE = (
    "een symbolische link naar een bestand buiten de map {folder}; die volgt wijzer niet "
    "(geef het bestand zelf op als het erbij hoort)."
)
LINK_SWAPPED = (
    "dit bestand is een symbolische link geworden sinds de map werd doorzocht; wijzer "
    "volgt die niet."
)
BATCH_NOTHING = "geen bestanden gevonden in {paths}."
BATCH_WRITTEN = "{total} beoordeeld, {errors}; geschreven naar {path}."
BATCH_NO_ERRORS = "geen fouten"
BATCH_ONE_ERROR = "1 fout ({where})"
BATCH_ERRORS = "{count} fouten, de eerste in {where}"
AT_LINE = "{source}, regel {line}"
BATCH_UNMATCHED = "niets gevonden: geen bestand of map, en geen treffer voor dit patroon."
WORKER_DIED = (
    "werkproces {worker} is onverwacht gestopt (van buitenaf, of te weinig geheugen?); de "
    "batch is afgebroken. Een uitvoerbestand is niet half geschreven."
)

# --- rule-set analysis (wijzer regels controleer / vergelijk) ---------------------------------
ANALYSIS_GAP = (
    "voor deze antwoorden doet geen enkele regel een voorstel: de regelset heeft een gat."
)
ANALYSIS_CONFLICT = (
    "een bodem ({floor}) botst met een plafond ({cap}); volgens de voorrangsregel wint het "
    "plafond, maar is dat de bedoeling?"
)
ANALYSIS_LEVEL_UNREACHABLE = (
    "het niveau '{level}' komt bij geen enkele combinatie van antwoorden uit."
)
ANALYSIS_DEAD = "de regel '{rule}' vuurt bij geen enkele combinatie van antwoorden."
ANALYSIS_SHADOWED = (
    "de regel '{rule}' vuurt wel, maar verandert het niveau bij geen enkele combinatie: andere "
    "regels bepalen de uitkomst altijd al."
)
ANALYSIS_DEAD_SEGMENT = "het segment '{rule}' geldt bij geen enkele combinatie van antwoorden."
CASE_FIRST_STEPS = "eerst doen: verwacht {want}, gekregen {got}"
CASE_GROUP_LEVEL = "groep '{group}': verwacht {want}, gekregen {got}"
CASE_PROVISIONAL = (
    "het advies had voorlopig moeten zijn (een onbekend antwoord kan het niveau veranderen)"
)
CASE_NOT_PROVISIONAL = (
    "het advies is voorlopig, terwijl geen onbekend antwoord het niveau mocht veranderen"
)
ANALYSIS_UNKNOWN_TOO_HIGH = (
    "met '{question}' onbekend komt het advies op {level}, hoger dan met '{question}: "
    "{answer}' ({bound}); een onbekend antwoord mag nooit meer beloven dan {what}."
)
UNKNOWN_BOUND_ASSUMED = "de aanname van de vraag"
UNKNOWN_BOUND_CAUTIOUS = "het voorzichtigste antwoord (zonder aanname)"
ANALYSIS_CONTRADICTION = (
    "'{rule}' kan gelden terwijl wat de tekst veronderstelt ('veronderstelt') niet klopt: "
    "de tekst spreekt dan de antwoorden tegen."
)
ANALYSIS_TIP_UNREACHABLE = "de tip '{tip}' wordt door geen enkele regel gekozen die kan vuren."
ANALYSIS_INERT_QUESTION = "geen enkele regel kijkt naar de vraag '{question}'."
ANALYSIS_INERT_OPTIONS = (
    "geen regel maakt onderscheid tussen de opties {options} van '{question}': ze leiden "
    "altijd tot hetzelfde advies. Is het onderscheid nodig, of ontbreekt er een regel?"
)
ANALYSIS_TOO_BIG = (
    "de vragen {questions} hangen via de regels zo samen dat er {size} combinaties zijn; "
    "te veel om volledig door te rekenen. Splits de regels zodat minder vragen samen in "
    "één regel staan."
)
ANALYSIS_FOLD_TOO_BIG = (
    "de groepen vragen leveren samen te veel verschillende uitkomsten op om volledig door "
    "te rekenen (meer dan 500.000 combinaties); heeft de regelset zoveel niveaus en losse "
    "regels nodig? Het bewijs is niet afgemaakt."
)
WHATIF_TOO_BIG = (
    "de vragen {questions} hangen via de regels zo samen dat het zoeken naar wat het advies "
    "zou veranderen {checks} regelcontroles kost (hoogstens 2000000); daarom weigert wijzer "
    "deze regelset voor advies en batch. Splits de regels zodat minder vragen samen in "
    "één regel staan, of geef de vragen minder opties."
)


def some(items: tuple[str, ...] | list[str], shown: int = 8) -> str:
    """The first few of a list of ids, for a message: 'a, b, c, …'."""
    return ", ".join(items[:shown]) + (", …" if len(items) > shown else "")


ALL_GROUPS = "alle groepen vragen samen"
CHECK_SPACE_UNFINISHED = (
    "Antwoordruimte: {space} combinaties van antwoorden; niet bewezen: een deel is te groot "
    "om door te rekenen (zie de fouten). Bereikbare niveaus: onbekend."
)
COMPARE_QUESTION = "de vraag '{question}' bestaat alleen in de {side}e regelset."
COMPARE_OPTIONS = "de opties van de vraag '{question}' verschillen tussen de regelsets."
TEMPLATE_HEADER = (
    "Antwoordbestand voor wijzer — regelset {name} {version}.\n"
    "Vul bij elke vraag de id van één optie in; bij meerkeuze een lijst, zoals\n"
    "[jongeren, ouderen].\n"
    "Leeg laten of weet_ik_niet invullen betekent: nog onbekend.\n"
    "Gebruik: wijzer advies --antwoorden dit-bestand.yaml\n"
    "Editorhulp: wijzer regels schema > {schema}"
)
TEMPLATE_ASSUMED = " (dan aangenomen: {assumed})"

# --- rule-set tools (wijzer regels) -------------------------------------------------------------
CHECK_HEADER = "Regelset {name} {version} ({path})"
CHECK_SPACE = (
    "Antwoordruimte: {space} combinaties van antwoorden, bewezen met {evaluated} "
    "doorgerekende representanten in {parts} onafhankelijke groepen vragen ({seconds} s)."
)
CHECK_LEVELS = "Bereikbare niveaus: {levels}."
CHECK_ERRORS = "Fouten"
CHECK_WARNINGS = "Waarschuwingen"
CHECK_EXAMPLE = "Tegenvoorbeeld (als antwoordbestand):"
CHECK_OK = "Geen fouten: elke combinatie van antwoorden krijgt precies één advies."
CHECK_FAILED = "De regelset heeft fouten; zie hierboven."
CASES_EXPECTED = "een mapping met 'wijzer_voorbeelden:' en 'voorbeelden:'"
CASES_MISSING = (
    "geen voorbeeldgevallen gevonden; die horen naast de regelset als <naam>.voorbeelden.yaml."
)
CASES_HEADER = "{count} voorbeeldgevallen uit {path}"
CASES_COVERAGE = (
    "Regeldekking: {covered} van {total} regels vuren in minstens één geval ({percent}%)."
)
CASES_UNCOVERED = "Niet geraakt: {rules}."
CASES_RESULT = "{passed} geslaagd, {failed} mislukt"
COMPARE_TOO_BIG = (
    "de vragen {questions} hangen in de twee regelsets zo samen dat er {size} "
    "combinaties zijn; te veel om exact te vergelijken."
)
COMPARE_FOLD_TOO_BIG = (
    "de twee regelsets leveren samen te veel verschillende uitkomsten op om exact te "
    "vergelijken (meer dan 100.000 combinaties)."
)
COMPARE_NEEDS_SAME = "vergelijken kan alleen bij dezelfde vragen en opties."
COMPARE_HEADER = "Van {old} naar {new}"
COMPARE_SUMMARY = (
    "{changed} van de {space} combinaties van antwoorden krijgen een ander niveau ({percent}%)."
)
COMPARE_SAME = "{same} combinaties houden hetzelfde niveau."
SCHEMA_FOR = "--voor verwacht 'antwoorden' of 'regels', niet '{got}'."
NEW_EXISTS = "{path} bestaat al; kies een andere naam of een lege map (wijzer overschrijft niets)."
NEW_NEEDS_NAME = (
    "'{path}' is geen naam voor een bestand; geef de nieuwe regelset een naam, "
    "bijvoorbeeld eigen.yaml."
)
NEW_DONE = (
    "Nieuwe regelset: {rules}\nVoorbeeldgevallen: {cases}\n"
    "Pas ze aan en controleer met: wijzer regels controleer {rules} && wijzer regels test {rules}"
)

# --- the report (wijzer advies --uitvoer advies.md|advies.html) -----------------------------
REPORT = {
    "title": "Participatieplan (concept)",
    "project_unknown": "Project zonder naam",
    "made": "Opgesteld met wijzer op {date}",
    "advice": "Advies",
    "level": "Aanbevolen niveau",
    "provisional": "voorlopig: zie de nog onbekende antwoorden hieronder",
    "ladder": "Participatieladder",
    "meaning": "Betekenis",
    "promise": "Belofte aan inwoners",
    "asks": "Wat het vraagt van de organisatie",
    "work_forms": "Passende werkvormen",
    "risks": "Risico's",
    "answers": "Uitgangspunten (de antwoorden)",
    "question": "Vraag",
    "answer": "Antwoord",
    "unknown_mark": "nog onbekend",
    "reasons": "Waarom dit niveau",
    "decisive": "bepalend",
    "checklist": "Aanpak: tips als checklist",
    "sources": "Bronnen",
    "ruleset": "Regelset",
    "hash": "Inhoudshash",
    "reproduce": "Met dezelfde regelset en antwoorden komt wijzer tot hetzelfde advies.",
    "why": "Waarom",
}
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
PLAN = {
    "title": "Participatieplan: {project}",
    "project_unknown": "project zonder naam",
    "front": "Gegevens",
    "project": "Project",
    "gemeente": "Gemeente",
    "afdeling": "Afdeling of team",
    "opsteller": "Opgesteld door",
    "date": "Datum",
    "status": "Status",
    "status_value": "{status}, versie {version}",
    "blank": "[in te vullen]",
    "summary": "Samenvatting",
    "advised_level": "Aanbevolen niveau",
    "provisional": "voorlopig",
    "steps": "Eerst doen",
    "description": "Het project",
    "description_blank": (
        "[Beschrijf hier in een paar zinnen het project: wat er gaat gebeuren, waarom, en "
        "wat er al vastligt.]"
    ),
    "answers": "Uitgangspunten",
    "answers_intro": "De antwoorden waarop dit advies rust.",
    "question": "Vraag",
    "answer": "Antwoord",
    "unknown_mark": "nog onbekend",
    "level": "Het participatieniveau",
    "ladder": "De participatieladder",
    "advised": "advies",
    "meaning": "Betekenis",
    "promise": "Belofte aan inwoners",
    "asks": "Wat het vraagt van de organisatie",
    "work_forms": "Passende werkvormen",
    "risks": "Risico's",
    "frame": "Wettelijk kader",
    "reasons": "Waarom dit niveau",
    "decisive": "bepalend",
    "groups": "Aanpak per groep",
    "approach": "Aanpak",
    "process": "Procesplan",
    "process_intro": (
        "Per fase, vanaf de fase waarin het project nu is. Vul planning en budget zelf in; "
        "wijzer kan die niet weten."
    ),
    "current": "huidige fase",
    "what": "Wat gebeurt er",
    "with_whom": "Met wie",
    "level_forms": "Niveau en werkvormen",
    "phase_forms": "Werkvormen in deze fase",
    "work_forms_with": ": {forms}",
    "report_back": "Terugkoppelen",
    "decides": "Wie beslist",
    "evaluate": "Evalueren",
    "planning": "Planning",
    "budget": "Budget en capaciteit",
    "checklist": "Aanpak: checklist",
    "checklist_intro": "Eerst wat nu het meest telt, daarna de rest per onderwerp.",
    "sources": "Bronnen",
    "ruleset": "Regelset",
    "hash": "Inhoudshash",
    "reproduce": "Met dezelfde regelset en antwoorden komt wijzer tot hetzelfde advies.",
    "made": "Opgesteld met wijzer",
    "page": "Pagina",
    "of": "van",
}
UNSUPPORTED_REPORT = (
    "kan geen participatieplan maken als '{suffix}'; kies een naam op .html, .md of .docx."
)
REPORT_WRITTEN = "Participatieplan geschreven: {path}"
