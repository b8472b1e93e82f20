import type { ImportField } from './schema.js';

/**
 * Header names per field, written as people type them; they are normalised (case, accents,
 * punctuation, spacing) before lookup. English first, then German, French, Spanish, Italian, Dutch,
 * Portuguese, Polish and Scandinavian spellings seen in CRM and Outlook exports.
 */
// biome-ignore format: word lists read better packed than one per line
export const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  firstName: [
    'first name', 'firstname', 'first', 'given name', 'forename', 'fname', 'christian name', 'vorname',
    'prénom', 'nombre de pila', 'primer nombre', 'voornaam', 'primeiro nome', 'imię', 'förnamn', 'fornavn',
    'etunimi',
  ],
  lastName: [
    'last name', 'lastname', 'last', 'surname', 'family name', 'lname', 'second name', 'nachname',
    'familienname', 'nom de famille', 'apellido', 'apellidos', 'cognome', 'achternaam', 'sobrenome',
    'último nome', 'nazwisko', 'efternamn', 'etternavn', 'sukunimi',
  ],
  fullName: [
    'full name', 'fullname', 'contact name', 'contact', 'display name', 'person', 'lead name', 'your name',
    'vollständiger name', 'kontakt', 'nom complet', 'nombre completo', 'nome completo', 'volledige naam',
    'imię i nazwisko',
  ],
  email: [
    'email', 'e-mail', 'email address', 'e-mail address', 'mail', 'email 1', 'primary email', 'work email',
    'business email', 'emailaddress', 'e-mail 1 - value', 'e-mail-adresse', 'mailadresse', 'courriel',
    'adresse e-mail', 'adresse mail', 'adresse électronique', 'correo', 'correo electrónico',
    'posta elettronica', 'indirizzo email', 'e-mailadres', 'endereço de e-mail', 'adres e-mail',
    'e-postadress', 'e-post',
  ],
  company: [
    'company', 'company name', 'organization', 'organisation', 'organization name', 'org', 'employer',
    'account', 'account name', 'business', 'business name', 'firm', 'firma', 'firmenname', 'unternehmen',
    'société', 'entreprise', 'organisme', 'empresa', 'compañía', 'azienda', 'società', 'bedrijf',
    'bedrijfsnaam', 'organização', 'företag', 'bedrift', 'yritys',
  ],
  title: [
    'title', 'job title', 'jobtitle', 'position', 'role', 'job', 'job role', 'designation', 'occupation',
    'headline', 'job position', 'organization title', 'organisation title', 'titel', 'berufsbezeichnung',
    'funktion', 'stellung', 'poste', 'fonction', 'intitulé du poste', 'cargo', 'puesto', 'ruolo',
    'qualifica', 'functie', 'functietitel', 'stanowisko', 'befattning', 'stilling',
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'telephone number', 'tel', 'mobile', 'mobile phone',
    'mobile number', 'cell', 'cell phone', 'work phone', 'business phone', 'direct phone',
    'phone 1 - value', 'telefon', 'telefonnummer', 'handy', 'mobil', 'mobilnummer', 'téléphone', 'portable',
    'numéro de téléphone', 'teléfono', 'móvil', 'celular', 'telefono', 'cellulare', 'telefoonnummer',
    'mobiel', 'telemóvel', 'telefon komórkowy',
  ],
  linkedinUrl: [
    'linkedin', 'linkedin url', 'linkedin profile', 'linkedin profile url', 'linkedin link',
    'linkedin page', 'li url', 'person linkedin url', 'linkedin-profil', 'profil linkedin',
    'perfil de linkedin',
  ],
  location: [
    'location', 'address', 'region', 'state', 'province', 'area', 'based in', 'standort', 'ort', 'adresse',
    'bundesland', 'localisation', 'lieu', 'ubicación', 'dirección', 'provincia', 'località', 'indirizzo',
    'locatie', 'adres', 'localização', 'endereço', 'lokalizacja',
  ],
  city: [
    'city', 'town', 'stadt', 'ville', 'ciudad', 'città', 'stad', 'plaats', 'woonplaats', 'cidade', 'miasto',
  ],
  country: ['country', 'country code', 'nation', 'land', 'pays', 'país', 'paese', 'kraj', 'country/region'],
  timeZone: [
    'time zone', 'timezone', 'tz', 'zeitzone', 'fuseau horaire', 'zona horaria', 'fuso orario', 'tijdzone',
  ],
  tags: [
    'tags', 'tag', 'labels', 'label', 'groups', 'group', 'group membership', 'categories', 'category',
    'lists', 'list', 'segment', 'schlagworte', 'schlagwörter', 'gruppe', 'kategorie', 'étiquettes',
    'catégorie', 'etiquetas', 'etichette', 'categoria',
  ],
  notes: [
    'notes', 'note', 'comments', 'comment', 'description', 'remarks', 'memo', 'about', 'notizen', 'notiz',
    'bemerkung', 'bemerkungen', 'kommentar', 'anmerkungen', 'remarques', 'commentaire', 'commentaires',
    'notas', 'nota', 'observaciones', 'comentarios', 'opmerkingen', 'observações', 'uwagi', 'anteckningar',
  ],
};

/**
 * Headers whose meaning depends on their neighbours: German "Name" next to "Vorname" is the surname,
 * Spanish "Nombre" next to "Apellidos" is the given name; alone they hold the whole name.
 */
// biome-ignore format: a word list
export const AMBIGUOUS_NAME_HEADERS = [
    'name', 'nom', 'naam', 'nome', 'nombre', 'navn', 'namn', 'nimi', 'imię',
];

/** Only in a LinkedIn export does a bare "URL" column hold the profile link. */
export const LINKEDIN_ONLY_HEADERS: Partial<Record<string, ImportField>> = {
  url: 'linkedinUrl',
  'profile url': 'linkedinUrl',
};

/** Qualifiers dropped before a second lookup: "Work Email" → "email", "Contact First Name" → "first name". */
// biome-ignore format: a word list
export const QUALIFIER_WORDS = new Set([
    'work', 'business', 'primary', 'main', 'personal', 'private', 'contact', 'office', 'direct', 'home',
    'the', 'your', 'current', 'preferred', 'default', 'value', '1', 'no', 'nr', 'number', 'geschäftlich',
    'privat', 'haupt', 'principal', 'principale', 'professionnel', 'pro',
]);

// A column mentioning email but holding a status or a date must not win over the address column.
// biome-ignore format: a word list
export const NON_VALUE_WORDS = new Set([
    'opt', 'optout', 'opted', 'unsubscribed', 'bounced', 'bounce', 'status', 'verified', 'valid', 'type',
    'count', 'date', 'sent', 'opened', 'clicked', 'domain', 'owner', 'consent', 'format', 'source', 'id',
    'score', 'fax',
]);
