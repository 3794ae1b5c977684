namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// The words normalisation drops or rewrites. Kept as plain lists so compliance can read (and
/// extend) them without reading the algorithm.
/// </summary>
internal static class NameVocabulary
{
    /// <summary>Titles and honorifics: they say nothing about who a person is.</summary>
    public static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "sheikh", "shaikh", "sheik", "shaykh", "haji", "hajji", "hadji", "hajj", "alhaj", "alhajj", "hajjah",
        "mullah", "mulla", "maulana", "maulvi", "imam", "ayatollah", "ustad", "ustadh",
        "gen", "col", "maj", "capt", "lt", "cmdr", "adm", "rev", "reverend", "fr",
        "jr", "sr", "ii", "iii", "iv", "esq", "phd", "hon", "eng", "engr", "mme", "mlle", "herr", "frau",
    };

    /// <summary>Particles that are written joined, hyphenated, separate or not at all ("Al-Rashid", "Rashid").</summary>
    public static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "al", "el", "ul", "bin", "ibn", "bint", "binti",
        "van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du",
    };

    /// <summary>Legal forms and filler words of organisation names ("Acme Trading LLC" = "ACME TRADING LIMITED").</summary>
    public static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "llc", "ltd", "limited", "inc", "incorporated", "co", "corp", "corporation", "company",
        "gmbh", "ag", "sa", "sarl", "srl", "spa", "bv", "nv", "plc", "lp", "llp", "pte", "pty", "kg", "oy",
        "jsc", "ojsc", "pjsc", "cjsc", "ooo", "zao", "oao", "pao", "fze", "fzco", "fzc", "fzllc",
        "the", "and", "of",
    };

    /// <summary>
    /// Arabic name prefixes written joined or apart ("Abdul Rahman", "Abd al-Rahman", "Abdulrahman"),
    /// longest first; each is rewritten to its short form and joined to what follows.
    /// </summary>
    public static readonly (string Written, string Canonical)[] JoinedPrefixes =
    [
        ("abdul", "abd"), ("abdel", "abd"), ("abdal", "abd"), ("abdol", "abd"), ("abdur", "abd"), ("abdar", "abd"),
        ("abd", "abd"), ("abou", "abu"), ("abu", "abu"),
    ];

    /// <summary>The most common given name, often written joined to the next one (Mohammadreza, Mohammedali).</summary>
    public static readonly string[] Muhammad =
        ["muhammad", "mohammed", "mohamed", "mohamad", "mohammad", "muhammed", "mohd", "mhd", "mohamud", "mahomed", "mehmed", "mahammad"];

    /// <summary>
    /// Spellings of one name in different transliterations. The first of each group is the
    /// canonical form; all are compared after <see cref="NameNormaliser"/>'s letter folding, so
    /// variants that folding already merges (Sergei/Sergey) need not be listed.
    /// </summary>
    public static readonly string[][] Transliterations =
    [
        Muhammad,
        ["ahmad", "ahmed", "ahmet", "akhmed", "achmed"],
        ["yusuf", "yousef", "yousuf", "youssef", "yusef", "yussuf", "yousif", "jusuf", "yosef"],
        ["husayn", "hussein", "husain", "hussain", "hossein", "husein", "hussien", "huseyin"],
        ["hasan", "hassan", "hassen", "hasen"],
        ["umar", "omar", "omer"],
        ["usama", "osama", "ousama", "usamah"],
        ["ibrahim", "ebrahim", "ibraheem", "ibragim", "ebrahem"],
        ["ismail", "ismael", "ismayil", "esmail", "ismoil"],
        ["mustafa", "mostafa", "moustafa", "mustapha", "mostapha"],
        ["khalid", "khaled", "halid", "khalled"],
        ["said", "saeed", "saied", "saiid"],
        ["sulayman", "suleiman", "sulaiman", "soliman", "suleyman", "sulejman", "suleman"],
        ["jamal", "gamal", "djamal", "jamaal"],
        ["faisal", "faysal", "feisal", "faycal", "faisel"],
        ["yahya", "yahia", "yehia", "yahiya"],
        ["abdlah", "abdla"],
        ["chaudhry", "chaudhary", "choudhury", "chowdhury", "chaudhri", "choudhary", "chowdhry"],
        ["qureshi", "kureshi", "qureishi", "qurashi"],
        ["aleksandr", "alexander", "aleksander", "oleksandr", "alexandr", "alexandre", "aleksandar"],
        ["aleksey", "alexei", "aleksei", "alexey", "oleksiy", "oleksii", "aleksej"],
        ["dmitry", "dmitri", "dmitriy", "dmytro", "dimitri", "dmitrij", "dimitry"],
        ["yevgeny", "evgeny", "evgeni", "yevgeniy", "evgenii", "yevhen", "evgenij", "jewgeni"],
        ["sergey", "sergei", "serhiy", "serhii", "sergiy", "serguei", "sergej"],
        ["yuri", "yury", "yuriy", "iouri", "jurij", "yurii", "youri"],
        ["andrey", "andrei", "andriy", "andrii", "andrej"],
        ["nikolay", "nikolai", "mykola", "nicolai", "nikolaj"],
        ["vladimir", "volodymyr", "uladzimir", "wladimir"],
        ["igor", "ihor"],
        ["mikhail", "mykhailo", "michail", "mikhael"],
        ["pyotr", "petr", "piotr", "petro"],
        ["gennady", "gennadiy", "hennadiy", "gennadi", "hennadii"],
        ["oleg", "oleh"],
        ["yekaterina", "ekaterina", "jekaterina"],
        ["yelena", "elena", "olena", "jelena"],
        ["tatyana", "tatiana", "tetiana", "tatjana"],
        ["natalya", "natalia", "nataliya", "natalja"],
        ["olga", "olha"],
        ["grigory", "grigori", "hryhoriy", "grigoriy"],
        ["georgy", "georgi", "heorhiy", "georgiy"],
        ["anatoly", "anatoli", "anatolii", "anatoliy"],
        ["vitaly", "vitali", "vitalii", "vitaliy"],
        ["valery", "valeri", "valerii", "valeriy"],
        ["stephen", "steven", "stephan"],
        ["bogdan", "bohdan"],
        ["konstantin", "kostiantyn", "constantin"],
        ["timur", "temur", "teymur"],
    ];

    /// <summary>
    /// Russian and Ukrainian Cyrillic, letter by letter (a practical, not a scholarly,
    /// romanisation); letters with a diacritic are decomposed first, so й and ё are not listed.
    /// </summary>
    public static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh",
        ['щ'] = "shch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
        ['і'] = "i", ['ї'] = "i", ['є'] = "ye", ['ґ'] = "g",
    };

    /// <summary>Latin letters that Unicode decomposition leaves whole.</summary>
    public static readonly Dictionary<char, string> Letters = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d",
        ['þ'] = "th", ['ı'] = "i", ['ħ'] = "h", ['ŋ'] = "n",
    };
}
