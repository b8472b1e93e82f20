import { describe, expect, it } from 'vitest';
import { autoMap, normaliseHeader } from './mapping.js';

describe('autoMap', () => {
  it('maps the usual English headers whatever their case and spacing', () => {
    expect(
      autoMap(['FIRST NAME', ' last_name ', 'E-mail', 'Company Name', 'Job Title', 'Phone #', 'Time Zone']),
    ).toEqual(['firstName', 'lastName', 'email', 'company', 'title', 'phone', 'timeZone']);
  });

  it('maps full name, LinkedIn, location, city, country, tags and notes synonyms', () => {
    expect(
      autoMap([
        'Full Name',
        'LinkedIn Profile URL',
        'Address',
        'Town',
        'Country/Region',
        'Labels',
        'Comments',
      ]),
    ).toEqual(['fullName', 'linkedinUrl', 'location', 'city', 'country', 'tags', 'notes']);
  });

  it('maps German, French and Spanish exports', () => {
    expect(autoMap(['Vorname', 'Nachname', 'E-Mail-Adresse', 'Firma', 'Telefonnummer', 'Notizen'])).toEqual([
      'firstName',
      'lastName',
      'email',
      'company',
      'phone',
      'notes',
    ]);
    expect(autoMap(['Prénom', 'Nom', 'Courriel', 'Société', 'Téléphone', 'Ville'])).toEqual([
      'firstName',
      'lastName',
      'email',
      'company',
      'phone',
      'city',
    ]);
    expect(autoMap(['Nombre', 'Apellidos', 'Correo electrónico', 'Empresa', 'Cargo'])).toEqual([
      'firstName',
      'lastName',
      'email',
      'company',
      'title',
    ]);
  });

  it('reads a lone "Name" or "Nom" as the full name', () => {
    expect(autoMap(['Name', 'Email'])).toEqual(['fullName', 'email']);
    expect(autoMap(['Nom', 'Adresse e-mail'])).toEqual(['fullName', 'email']);
  });

  it('maps Google and Outlook contact exports through their qualifiers', () => {
    expect(
      autoMap(['Given Name', 'Family Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Organization 1 - Name']),
    ).toEqual(['firstName', 'lastName', 'email', 'phone', 'company']);
    expect(autoMap(['Business Phone', 'Mobile Phone', 'E-mail Address', 'Categories'])).toEqual([
      'phone',
      null,
      'email',
      'tags',
    ]);
  });

  it('gives each field to one column and ignores status columns that mention email', () => {
    expect(autoMap(['Email Opt Out', 'Email', 'Secondary Email', 'Lead Status', 'Connected On'])).toEqual([
      null,
      'email',
      null,
      null,
      null,
    ]);
  });

  it('reads a bare "URL" as the LinkedIn profile only in a LinkedIn export', () => {
    expect(autoMap(['First Name', 'URL'], 'linkedin')).toEqual(['firstName', 'linkedinUrl']);
    expect(autoMap(['First Name', 'URL'], 'csv')).toEqual(['firstName', null]);
  });

  it('normalises accents, punctuation and spacing', () => {
    expect(normaliseHeader('  Téléphone (mobile) ')).toBe('telephone');
    expect(normaliseHeader('E-Mail_Adresse')).toBe('e mail adresse');
  });
});
