"""The demo archive: what the two seed stories (LA County DA races, 2020 and 2024) report.

Facts and figures come from the stories; every sentence here is our own. Where a story
gives no date, the story's own date is recorded with precision "on or before". Facts
from outside the stories (election days, terms of office) are public record; each is
listed in docs/demo-data.md.
"""

import datetime as dt
from decimal import Decimal

D = dt.date
PT = dt.timezone(dt.timedelta(hours=-8), "PST")
PDT = dt.timezone(dt.timedelta(hours=-7), "PDT")

STORY_2020 = "lacey-gascon-race-nears-end-as-test-of-reform"
STORY_2024 = "gascon-trails-hochman-in-early-returns"
STORY_2020_DAY = D(2020, 11, 1)
STORY_2024_DAY = D(2024, 11, 5)

SECTIONS = [
    {
        "slug": "elections",
        "name": "Elections",
        "description": "Races for county office and the campaigns around them.",
        "position": 1,
    },
    {
        "slug": "courts",
        "name": "Courts & Justice",
        "description": "The district attorney's office, prosecutions and policy.",
        "position": 2,
    },
]

ORGANIZATIONS = [
    # slug, name, kind, parent, description, other names
    (
        "los-angeles-times",
        "Los Angeles Times",
        "media",
        None,
        "Daily newspaper in Los Angeles.",
        ["L.A. Times", "The Times"],
    ),
    (
        "la-county-district-attorneys-office",
        "Los Angeles County District Attorney's Office",
        "government",
        None,
        "The county's prosecuting agency.",
        ["LA County DA's office"],
    ),
    (
        "la-county-board-of-supervisors",
        "Los Angeles County Board of Supervisors",
        "government",
        None,
        "The county's five-member governing board.",
        [],
    ),
    (
        "san-francisco-district-attorneys-office",
        "San Francisco District Attorney's Office",
        "government",
        None,
        "",
        [],
    ),
    (
        "orange-county-district-attorneys-office",
        "Orange County District Attorney's Office",
        "government",
        None,
        "",
        [],
    ),
    (
        "la-county-sheriffs-department",
        "Los Angeles County Sheriff's Department",
        "government",
        None,
        "",
        [],
    ),
    (
        "california-department-of-justice",
        "California Department of Justice",
        "government",
        None,
        "Source of the state's crime statistics.",
        [],
    ),
    ("democratic-party", "Democratic Party", "party", None, "", []),
    (
        "california-democratic-party",
        "California Democratic Party",
        "party",
        "democratic-party",
        "Held an election-night event in downtown L.A. in 2024.",
        [],
    ),
    ("republican-party", "Republican Party", "party", None, "", []),
    ("uc-berkeley", "University of California, Berkeley", "university", None, "", ["UC Berkeley"]),
    (
        "uc-berkeley-institute-of-governmental-studies",
        "UC Berkeley Institute of Governmental Studies",
        "university",
        "uc-berkeley",
        "Conducts statewide polls, some co-sponsored by the Los Angeles Times.",
        ["Berkeley IGS", "IGS"],
    ),
    (
        "color-of-change-pac",
        "Color Of Change PAC",
        "pac",
        None,
        "Political action committee that spent for Gascón in 2020.",
        ["Color of Change"],
    ),
    (
        "association-of-deputy-district-attorneys",
        "Association of Deputy District Attorneys",
        "union",
        None,
        "The union that represents Los Angeles County prosecutors.",
        ["ADDA"],
    ),
    (
        "los-angeles-police-protective-league",
        "Los Angeles Police Protective League",
        "union",
        None,
        "Union of rank-and-file LAPD officers.",
        ["LAPPL"],
    ),
    (
        "association-for-los-angeles-deputy-sheriffs",
        "Association for Los Angeles Deputy Sheriffs",
        "union",
        None,
        "Union of county sheriff's deputies.",
        ["ALADS"],
    ),
    (
        "hochman-campaign-2024",
        "Nathan Hochman for District Attorney 2024",
        "campaign",
        None,
        "Hochman's 2024 campaign.",
        [],
    ),
    (
        "rubens-bakery-mexican-food",
        "Ruben's Bakery & Mexican Food",
        "business",
        None,
        "Compton bakery; supplied pastries for Hochman's election-night event.",
        [],
    ),
    ("the-abbey", "The Abbey", "business", None, "West Hollywood venue.", []),
    ("brown-university", "Brown University", "university", None, "", []),
    ("stanford-law-school", "Stanford Law School", "university", None, "", []),
    ("beverly-hills-high-school", "Beverly Hills High School", "university", None, "", []),
]

PEOPLE = [
    # slug, name, description, other names [(name, kind)]
    (
        "jackie-lacey",
        "Jackie Lacey",
        "Los Angeles County district attorney, 2012–2020",
        [("Jacquelyn Lacey", "formal"), ("Lacey", "short")],
    ),
    (
        "george-gascon",
        "George Gascón",
        "Los Angeles County district attorney, 2020–2024; San Francisco district attorney, 2011–2019",
        [("George Gascon", "spelling"), ("Gascón", "short")],
    ),
    (
        "nathan-hochman",
        "Nathan Hochman",
        "Former federal prosecutor and defense attorney; elected Los Angeles County district attorney in 2024",
        [("Hochman", "short")],
    ),
    (
        "rachel-rossi",
        "Rachel Rossi",
        "Former public defender; candidate for district attorney in 2020",
        [],
    ),
    ("kamala-harris", "Kamala Harris", "Vice president of the United States, 2021–2025", []),
    ("bernie-sanders", "Bernie Sanders", "U.S. senator from Vermont", []),
    ("elizabeth-warren", "Elizabeth Warren", "U.S. senator from Massachusetts", []),
    ("adam-schiff", "Adam Schiff", "U.S. representative from Burbank (in 2020)", []),
    ("eric-garcetti", "Eric Garcetti", "Mayor of Los Angeles, 2013–2022", []),
    ("dianne-feinstein", "Dianne Feinstein", "U.S. senator from California", []),
    ("london-breed", "London Breed", "Mayor of San Francisco (in 2020)", []),
    ("george-soros", "George Soros", "Philanthropist and political donor", []),
    ("george-floyd", "George Floyd", "Killed by Minneapolis police in May 2020", []),
    ("breonna-taylor", "Breonna Taylor", "Killed by Louisville police in March 2020", []),
    (
        "maria-ramirez",
        "Maria Ramirez",
        "Veteran Los Angeles County prosecutor; 2024 candidate for district attorney",
        [],
    ),
    (
        "jon-hatami",
        "Jon Hatami",
        "Los Angeles County deputy district attorney; 2024 candidate for district attorney",
        [],
    ),
    (
        "john-mckinney",
        "John McKinney",
        "Los Angeles County deputy district attorney; 2024 candidate for district attorney",
        [],
    ),
    ("todd-spitzer", "Todd Spitzer", "Orange County district attorney", []),
    (
        "michele-hanisee",
        "Michele Hanisee",
        "Co-president of the union of Los Angeles County prosecutors (in 2024)",
        [],
    ),
    ("stu-pfeiffer", "Stu Pfeiffer", "Spokesman for Nathan Hochman's 2024 campaign", []),
    ("alex-villanueva", "Alex Villanueva", "Los Angeles County sheriff, 2018–2022", []),
    ("lee-baca", "Lee Baca", "Former Los Angeles County sheriff", []),
    ("esme-bianco", "Esmé Bianco", "Actor", [("Esme Bianco", "spelling")]),
    ("hannah-tubbs", "Hannah Tubbs", "Defendant in a case prosecuted under Gascón", []),
    ("donald-trump", "Donald Trump", "President of the United States, 2017–2021", []),
    ("michael-blackshire", "Michael Blackshire", "Photographer, Los Angeles Times", []),
    ("jason-armond", "Jason Armond", "Photographer, Los Angeles Times", []),
    ("gary-coronado", "Gary Coronado", "Photographer, Los Angeles Times", []),
]

BIOS = {
    "jackie-lacey": "A career prosecutor, Lacey was elected district attorney in 2012 and was the first woman and the "
    "first African American to lead the office. She sought a third term in 2020 and lost to George Gascón.",
    "george-gascon": "Gascón led the San Francisco district attorney's office from 2011 to 2019 before running in Los "
    "Angeles County, where he unseated Jackie Lacey in 2020 on a platform of criminal justice reform. He survived "
    "two recall attempts that failed and lost his 2024 reelection bid to Nathan Hochman.",
    "nathan-hochman": "Born in Los Angeles, Hochman attended Beverly Hills High School, Brown University and Stanford "
    "Law School, prosecuted fraud and public corruption as a federal prosecutor, then went into private practice, "
    "where his clients included former Sheriff Lee Baca. He ran for state attorney general in 2022.",
}

OFFICES = [
    # slug, name, jurisdiction, organization
    (
        "la-county-district-attorney",
        "Los Angeles County District Attorney",
        "Los Angeles County",
        "la-county-district-attorneys-office",
    ),
    (
        "san-francisco-district-attorney",
        "San Francisco District Attorney",
        "San Francisco",
        "san-francisco-district-attorneys-office",
    ),
    (
        "orange-county-district-attorney",
        "Orange County District Attorney",
        "Orange County",
        "orange-county-district-attorneys-office",
    ),
    (
        "la-county-sheriff",
        "Los Angeles County Sheriff",
        "Los Angeles County",
        "la-county-sheriffs-department",
    ),
    (
        "california-attorney-general",
        "California Attorney General",
        "California",
        "california-department-of-justice",
    ),
    ("mayor-of-los-angeles", "Mayor of Los Angeles", "City of Los Angeles", None),
    ("mayor-of-san-francisco", "Mayor of San Francisco", "San Francisco", None),
    ("us-senator-from-california", "U.S. Senator from California", "California", None),
    (
        "vice-president-of-the-united-states",
        "Vice President of the United States",
        "United States",
        None,
    ),
    ("president-of-the-united-states", "President of the United States", "United States", None),
]

# person, office, start, start precision, end, end precision, how, source story
TERMS = [
    (
        "jackie-lacey",
        "la-county-district-attorney",
        D(2012, 12, 3),
        "day",
        D(2020, 12, 7),
        "day",
        "elected",
        STORY_2020,
    ),
    (
        "george-gascon",
        "la-county-district-attorney",
        D(2020, 12, 7),
        "day",
        D(2024, 12, 1),
        "month",
        "elected",
        STORY_2024,
    ),
    (
        "nathan-hochman",
        "la-county-district-attorney",
        D(2024, 12, 1),
        "month",
        None,
        "day",
        "elected",
        None,
    ),
    (
        "george-gascon",
        "san-francisco-district-attorney",
        D(2011, 1, 1),
        "month",
        D(2019, 10, 1),
        "month",
        "appointed",
        STORY_2020,
    ),
    (
        "todd-spitzer",
        "orange-county-district-attorney",
        D(2019, 1, 1),
        "month",
        None,
        "day",
        "elected",
        STORY_2024,
    ),
    (
        "lee-baca",
        "la-county-sheriff",
        D(1998, 12, 1),
        "month",
        D(2014, 1, 1),
        "month",
        "elected",
        STORY_2024,
    ),
    (
        "alex-villanueva",
        "la-county-sheriff",
        D(2018, 12, 3),
        "day",
        D(2022, 12, 5),
        "day",
        "elected",
        STORY_2024,
    ),
    (
        "eric-garcetti",
        "mayor-of-los-angeles",
        D(2013, 7, 1),
        "day",
        D(2022, 12, 12),
        "day",
        "elected",
        STORY_2020,
    ),
    (
        "london-breed",
        "mayor-of-san-francisco",
        D(2018, 7, 11),
        "day",
        D(2025, 1, 8),
        "day",
        "elected",
        STORY_2020,
    ),
    (
        "dianne-feinstein",
        "us-senator-from-california",
        D(1992, 11, 10),
        "day",
        D(2023, 9, 29),
        "day",
        "elected",
        STORY_2020,
    ),
    (
        "kamala-harris",
        "vice-president-of-the-united-states",
        D(2021, 1, 20),
        "day",
        D(2025, 1, 20),
        "day",
        "elected",
        STORY_2024,
    ),
    (
        "donald-trump",
        "president-of-the-united-states",
        D(2017, 1, 20),
        "day",
        D(2021, 1, 20),
        "day",
        "elected",
        STORY_2024,
    ),
]

# person, organization, title, start, start precision, source
AFFILIATIONS = [
    ("stu-pfeiffer", "hochman-campaign-2024", "Campaign spokesman", None, "day", STORY_2024),
    (
        "michele-hanisee",
        "association-of-deputy-district-attorneys",
        "Co-president",
        None,
        "day",
        STORY_2024,
    ),
    (
        "jon-hatami",
        "la-county-district-attorneys-office",
        "Deputy district attorney",
        None,
        "day",
        STORY_2024,
    ),
    (
        "john-mckinney",
        "la-county-district-attorneys-office",
        "Deputy district attorney",
        None,
        "day",
        STORY_2024,
    ),
    ("maria-ramirez", "la-county-district-attorneys-office", "Prosecutor", None, "day", STORY_2024),
]

# person, party, start, start precision, end, end precision, note, source
PARTY_MEMBERSHIPS = [
    (
        "nathan-hochman",
        "republican-party",
        None,
        "day",
        STORY_2024_DAY,
        "on_or_before",
        "Described as a former Republican in 2024.",
        STORY_2024,
    ),
]

ELECTIONS = [
    # slug, name, date, kind
    (
        "california-primary-2020-03-03",
        "California primary, March 3, 2020",
        D(2020, 3, 3),
        "primary",
    ),
    (
        "general-election-2020-11-03",
        "General election, November 3, 2020",
        D(2020, 11, 3),
        "general",
    ),
    ("california-primary-2022-06-07", "California primary, June 7, 2022", D(2022, 6, 7), "primary"),
    (
        "california-primary-2024-03-05",
        "California primary, March 5, 2024",
        D(2024, 3, 5),
        "primary",
    ),
    (
        "general-election-2024-11-05",
        "General election, November 5, 2024",
        D(2024, 11, 5),
        "general",
    ),
]

RACES = [
    # slug, name, election, office, nonpartisan, summary
    (
        "2020-la-county-da-primary",
        "2020 L.A. County district attorney primary",
        "california-primary-2020-03-03",
        "la-county-district-attorney",
        True,
        "Lacey finished first but just short of a majority, forcing a November runoff with Gascón.",
    ),
    (
        "2020-la-county-da-general",
        "2020 L.A. County district attorney general",
        "general-election-2020-11-03",
        "la-county-district-attorney",
        True,
        "Incumbent Jackie Lacey against George Gascón; Gascón won.",
    ),
    (
        "2022-california-attorney-general-primary",
        "2022 California attorney general primary",
        "california-primary-2022-06-07",
        "california-attorney-general",
        False,
        "Nathan Hochman's unsuccessful run for attorney general.",
    ),
    (
        "2024-la-county-da-primary",
        "2024 L.A. County district attorney primary",
        "california-primary-2024-03-05",
        "la-county-district-attorney",
        True,
        "A crowded field; Gascón and Hochman advanced to the runoff.",
    ),
    (
        "2024-la-county-da-general",
        "2024 L.A. County district attorney general",
        "general-election-2024-11-05",
        "la-county-district-attorney",
        True,
        "Incumbent George Gascón against Nathan Hochman; Hochman won.",
    ),
    (
        "2024-us-president-general",
        "2024 U.S. presidential election",
        "general-election-2024-11-05",
        "president-of-the-united-states",
        False,
        "",
    ),
]

# race, person, incumbent, party, outcome, note, source
CANDIDACIES = [
    (
        "2020-la-county-da-primary",
        "jackie-lacey",
        True,
        None,
        "runoff",
        "Just under the majority needed to win outright.",
        STORY_2020,
    ),
    (
        "2020-la-county-da-primary",
        "george-gascon",
        False,
        None,
        "runoff",
        "Roughly 20 points behind Lacey.",
        STORY_2020,
    ),
    (
        "2020-la-county-da-primary",
        "rachel-rossi",
        False,
        None,
        "lost",
        "Finished third.",
        STORY_2020,
    ),
    ("2020-la-county-da-general", "jackie-lacey", True, None, "lost", "", STORY_2024),
    ("2020-la-county-da-general", "george-gascon", False, None, "won", "", STORY_2024),
    (
        "2022-california-attorney-general-primary",
        "nathan-hochman",
        False,
        "republican-party",
        "lost",
        "",
        STORY_2024,
    ),
    ("2024-la-county-da-primary", "george-gascon", True, None, "runoff", "", STORY_2024),
    ("2024-la-county-da-primary", "nathan-hochman", False, None, "runoff", "", STORY_2024),
    ("2024-la-county-da-primary", "maria-ramirez", False, None, "lost", "", STORY_2024),
    ("2024-la-county-da-primary", "jon-hatami", False, None, "lost", "", STORY_2024),
    ("2024-la-county-da-primary", "john-mckinney", False, None, "lost", "", STORY_2024),
    ("2024-la-county-da-general", "george-gascon", True, None, "lost", "", None),
    ("2024-la-county-da-general", "nathan-hochman", False, None, "won", "", None),
    ("2024-us-president-general", "kamala-harris", False, "democratic-party", "lost", "", None),
    ("2024-us-president-general", "donald-trump", False, "republican-party", "won", "", None),
]

# race, as_of, status, note, source, lines [(person, votes, percent)]
RESULTS = [
    (
        "2024-la-county-da-general",
        dt.datetime(2024, 11, 5, 21, 0, tzinfo=PT),
        "early",
        "First returns released on election night.",
        STORY_2024,
        [("nathan-hochman", 847_896, Decimal("59.5")), ("george-gascon", 577_340, Decimal("40.5"))],
    ),
]

# endorser kind ("person"/"organization"), endorser, detail, race, endorsee,
# announced, precision, withdrawn, precision, note, source
ENDORSEMENTS = [
    (
        "person",
        "kamala-harris",
        "",
        "2020-la-county-da-general",
        "george-gascon",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "person",
        "bernie-sanders",
        "",
        "2020-la-county-da-general",
        "george-gascon",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "person",
        "elizabeth-warren",
        "",
        "2020-la-county-da-general",
        "george-gascon",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "person",
        "adam-schiff",
        "",
        "2020-la-county-da-general",
        "jackie-lacey",
        D(2020, 3, 3),
        "on_or_before",
        D(2020, 6, 1),
        "month",
        "Withdrew after the protests of spring 2020 and endorsed Gascón.",
        STORY_2020,
    ),
    (
        "person",
        "adam-schiff",
        "",
        "2020-la-county-da-general",
        "george-gascon",
        D(2020, 6, 1),
        "month",
        None,
        "day",
        "Switched from Lacey.",
        STORY_2020,
    ),
    (
        "person",
        "eric-garcetti",
        "",
        "2020-la-county-da-general",
        "jackie-lacey",
        D(2020, 3, 3),
        "on_or_before",
        D(2020, 6, 1),
        "month",
        "Withdrew after the protests of spring 2020 and endorsed Gascón.",
        STORY_2020,
    ),
    (
        "person",
        "eric-garcetti",
        "",
        "2020-la-county-da-general",
        "george-gascon",
        D(2020, 6, 1),
        "month",
        None,
        "day",
        "Switched from Lacey.",
        STORY_2020,
    ),
    (
        "person",
        "dianne-feinstein",
        "",
        "2020-la-county-da-general",
        "jackie-lacey",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "person",
        "london-breed",
        "",
        "2020-la-county-da-general",
        "jackie-lacey",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "organization",
        "la-county-board-of-supervisors",
        "Several members of the board",
        "2020-la-county-da-general",
        "jackie-lacey",
        STORY_2020_DAY,
        "on_or_before",
        None,
        "day",
        "",
        STORY_2020,
    ),
    (
        "person",
        "nathan-hochman",
        "",
        "2024-us-president-general",
        "kamala-harris",
        D(2024, 9, 22),
        "on_or_before",
        None,
        "day",
        "Endorsed over the summer of 2024.",
        STORY_2024,
    ),
    (
        "person",
        "maria-ramirez",
        "",
        "2024-la-county-da-general",
        "nathan-hochman",
        STORY_2024_DAY,
        "on_or_before",
        None,
        "day",
        "Endorsed after losing in the March primary.",
        STORY_2024,
    ),
]

# race, pollster, sponsors, released, leader, lead, note, source
POLLS = [
    (
        "2024-la-county-da-general",
        "uc-berkeley-institute-of-governmental-studies",
        ["los-angeles-times"],
        D(2024, 8, 18),
        "nathan-hochman",
        Decimal(25),
        "Only the margin was reported in the story.",
        STORY_2024,
    ),
    (
        "2024-la-county-da-general",
        "uc-berkeley-institute-of-governmental-studies",
        ["los-angeles-times"],
        D(2024, 10, 8),
        "nathan-hochman",
        Decimal(30),
        "Only the margin was reported in the story.",
        STORY_2024,
    ),
    (
        "2024-la-county-da-general",
        "uc-berkeley-institute-of-governmental-studies",
        ["los-angeles-times"],
        D(2024, 11, 3),
        "nathan-hochman",
        Decimal(25),
        "The last of three; many respondents were still undecided.",
        STORY_2024,
    ),
]

# race, candidate (None: the whole race), as_of, amount, qualifier, note, source
FUNDRAISING = [
    (
        "2020-la-county-da-general",
        None,
        STORY_2020_DAY,
        Decimal(19_000_000),
        "more_than",
        "Poured into the race overall.",
        STORY_2020,
    ),
    (
        "2020-la-county-da-general",
        "jackie-lacey",
        STORY_2020_DAY,
        Decimal(7_000_000),
        "about",
        "Much of it from law enforcement unions.",
        STORY_2020,
    ),
    (
        "2020-la-county-da-general",
        "george-gascon",
        STORY_2020_DAY,
        Decimal(12_000_000),
        "more_than",
        "Much of it from Bay Area donors.",
        STORY_2020,
    ),
]

# contributor kind, contributor, race, recipient, kind, amount, qualifier, period, note, source
CONTRIBUTIONS = [
    (
        "person",
        "george-soros",
        "2020-la-county-da-general",
        "george-gascon",
        "direct",
        Decimal(2_000_000),
        "more_than",
        (None, None),
        "As reported: gave more than $2 million to Gascón.",
        STORY_2020,
    ),
    (
        "organization",
        "color-of-change-pac",
        "2020-la-county-da-general",
        "george-gascon",
        "independent",
        Decimal(3_000_000),
        "more_than",
        (D(2020, 9, 3), D(2020, 11, 3)),
        "Raised for Gascón in the final two months of the race.",
        STORY_2020,
    ),
    (
        "organization",
        "los-angeles-police-protective-league",
        "2020-la-county-da-general",
        "jackie-lacey",
        "direct",
        None,
        "exact",
        (None, None),
        "Part of a wave of law enforcement union money for Lacey; no amount reported.",
        STORY_2020,
    ),
    (
        "organization",
        "association-for-los-angeles-deputy-sheriffs",
        "2020-la-county-da-general",
        "jackie-lacey",
        "direct",
        None,
        "exact",
        (None, None),
        "Part of a wave of law enforcement union money for Lacey; no amount reported.",
        STORY_2020,
    ),
]

ARTICLES = [
    {
        "slug": STORY_2020,
        "seed_file": "003_8d4cf89e17671bb7.txt",
        "headline": "Lacey-Gascón race for L.A. County DA nears its end as a test of criminal justice reform",
        "dek": "Incumbent Jackie Lacey and former San Francisco prosecutor George Gascón close out a contest "
        "reshaped by the protests of 2020, with more than $19 million spent.",
        "section": "elections",
        "published_at": dt.datetime(2020, 11, 1, 6, 0, tzinfo=PT),
        "summary_body": [
            "Jackie Lacey, Los Angeles County's district attorney since 2012, faces former San Francisco District "
            "Attorney George Gascón in a runoff that both camps describe as a referendum on criminal justice reform.",
            "Lacey came within a few points of winning outright in the March primary, with Gascón about 20 points "
            "back and former public defender Rachel Rossi third. The protests that followed the police killings of "
            "George Floyd and Breonna Taylor changed the race.",
            "Adam Schiff and Eric Garcetti withdrew their support for Lacey and backed Gascón, who was also endorsed "
            "by Kamala Harris, Bernie Sanders and Elizabeth Warren. Dianne Feinstein, London Breed and several county "
            "supervisors stayed with Lacey.",
            "More than $19 million has been spent: about $7 million raised by Lacey, much of it from law enforcement "
            "unions, and more than $12 million by Gascón, including over $2 million from George Soros and more than "
            "$3 million raised by the Color Of Change PAC late in the race.",
        ],
        "mentions": {
            "subject": ["jackie-lacey", "george-gascon", "race:2020-la-county-da-general"],
            "mentioned": [
                "rachel-rossi",
                "george-floyd",
                "breonna-taylor",
                "kamala-harris",
                "bernie-sanders",
                "elizabeth-warren",
                "adam-schiff",
                "eric-garcetti",
                "dianne-feinstein",
                "london-breed",
                "george-soros",
                "org:color-of-change-pac",
                "org:la-county-board-of-supervisors",
                "org:los-angeles-police-protective-league",
                "org:association-for-los-angeles-deputy-sheriffs",
                "org:san-francisco-district-attorneys-office",
                "org:la-county-district-attorneys-office",
                "race:2020-la-county-da-primary",
            ],
        },
        "quotes": [],
        "photos": [],
    },
    {
        "slug": STORY_2024,
        "seed_file": "000_5c6fb839be218f1e.txt",
        "headline": "Gascón trails Hochman by nearly 20 points in early returns for L.A. County DA",
        "dek": "Challenger Nathan Hochman, a former federal prosecutor, led incumbent George Gascón in the first "
        "count on election night after a campaign fought over crime and the office's direction.",
        "section": "elections",
        "published_at": dt.datetime(2024, 11, 5, 22, 30, tzinfo=PT),
        "summary_body": [
            "District Attorney George Gascón fell well behind challenger Nathan Hochman in the first returns on "
            "election night, with Hochman at 847,896 votes to Gascón's 577,340.",
            "Three UC Berkeley Institute of Governmental Studies polls co-sponsored by the Los Angeles Times had "
            "shown Gascón trailing by 25, 30 and again 25 points.",
            "Gascón survived two recall attempts during his term but faced lawsuits from more than 20 of his own "
            "prosecutors. Hochman, a former Republican who ran for attorney general in 2022, campaigned as an "
            "independent.",
        ],
        "mentions": {
            "subject": ["george-gascon", "nathan-hochman", "race:2024-la-county-da-general"],
            "quoted": ["maria-ramirez"],
            "mentioned": [
                "jackie-lacey",
                "kamala-harris",
                "donald-trump",
                "george-floyd",
                "breonna-taylor",
                "hannah-tubbs",
                "lee-baca",
                "jon-hatami",
                "john-mckinney",
                "todd-spitzer",
                "michele-hanisee",
                "stu-pfeiffer",
                "alex-villanueva",
                "esme-bianco",
                "org:uc-berkeley-institute-of-governmental-studies",
                "org:california-democratic-party",
                "org:california-department-of-justice",
                "org:rubens-bakery-mexican-food",
                "org:the-abbey",
                "org:brown-university",
                "org:stanford-law-school",
                "org:beverly-hills-high-school",
                "org:association-of-deputy-district-attorneys",
                "org:la-county-district-attorneys-office",
                "race:2024-la-county-da-primary",
                "race:2020-la-county-da-general",
                "race:2022-california-attorney-general-primary",
            ],
        },
        # speaker, paragraph (of the full text, captions excluded), words, context
        "quotes": [
            (
                "nathan-hochman",
                5,
                "While the final votes haven’t been tallied, all indications are the voices of the residents "
                "of LA County have been heard and they’re saying enough is enough of George [Gascón’s] policies and they look "
                "forward to a safer future",
                "After the first results were announced",
            ),
            (
                "george-gascon",
                8,
                "I feel very optimistic. It’s a real race. It’s a tough race. I’m not underestimating that. "
                "But I believe that we have a better than even chance of winning.",
                "Interview on election night",
            ),
            (
                "maria-ramirez",
                19,
                "return to normalcy",
                "On what Gascón's defeat would mean for deputy district attorneys",
            ),
            (
                "maria-ramirez",
                20,
                "Through these four years, because we have been so distracted with all of the lawsuits and the "
                "fighting, really what we want is to be able to go back to what we do — and that is really do our jobs and "
                "protect people, prosecute crimes and keep our community safe",
                "At Hochman's election-night event",
            ),
            (
                "nathan-hochman",
                27,
                "Gascón must go",
                "His campaign slogan, chanted by prosecutors on the campaign's last day",
            ),
            (
                "george-gascon",
                30,
                "Frankly, we were way down by the third week of October of 2020. The results were what they "
                "were. I believe that we are likely to get a similar result this time.",
                "On trailing in the polls",
            ),
            (
                "george-gascon",
                32,
                "I haven’t considered it yet. But I will certainly continue to live and be happy.",
                "Asked about his plans if he lost",
            ),
        ],
        # photographer, our caption, alt text
        "photos": [
            (
                "michael-blackshire",
                "Nathan Hochman with actor Esmé Bianco at an October news conference about Gascón's "
                "handling of gender-based violence cases.",
                "Nathan Hochman speaking at a lectern beside Esmé Bianco",
            ),
            (
                "jason-armond",
                "George Gascón at an election-eve gathering of LGBTQ+ community leaders at the Abbey in "
                "West Hollywood.",
                "George Gascón greeting guests at an evening event",
            ),
            (
                "jason-armond",
                "Gascón at the West Hollywood event on the eve of the election.",
                "George Gascón at the West Hollywood event",
            ),
            (
                "gary-coronado",
                "Former Sheriff Alex Villanueva with Nathan Hochman in 2022.",
                "Alex Villanueva and Nathan Hochman",
            ),
        ],
    },
]

DEMO_USERS = [
    # username, group (None: superuser)
    ("admin", None),
    ("editor", "Editors"),
    ("dataentry", "Data entry"),
]
