// Places → IANA zone and ISO country: the one table the scheduling engine reads for a contact's zone
// and the import for a phone number's country. Each line is "Zone CC: names"; names are lower case
// without accents (STATE_CODES: upper case, space-separated). Countries that span several zones with
// no clear majority (United States, Canada, Australia) are deliberately absent from COUNTRIES: a
// city or state is needed there. Within a zone, a line keeps the order names had before the country
// was added: equal-length names match in table order.

/** States, provinces and nations: they outrank cities ("Paris, Texas", "London, Ontario"). */
export const REGIONS = `
America/New_York US: new york state, new jersey, connecticut, massachusetts, rhode island, vermont, new hampshire, maine, pennsylvania, delaware, maryland, virginia, west virginia, north carolina, south carolina, florida, ohio, michigan, indiana, kentucky, washington dc, district of columbia
America/New_York CA: ontario, quebec
America/Chicago US: illinois, wisconsin, minnesota, iowa, missouri, arkansas, louisiana, mississippi, alabama, tennessee, texas, oklahoma, kansas, nebraska, north dakota, south dakota
America/Chicago CA: manitoba
America/Denver US: colorado, utah, wyoming, montana, new mexico, idaho
America/Denver CA: alberta
America/Phoenix US: arizona
America/Los_Angeles US: california, oregon, washington state, washington, nevada
America/Los_Angeles CA: british columbia
America/Anchorage US: alaska
Pacific/Honolulu US: hawaii
America/Regina CA: saskatchewan
America/Halifax CA: nova scotia, new brunswick, prince edward island
America/St_Johns CA: newfoundland
Australia/Sydney AU: new south wales, australian capital territory
Australia/Melbourne AU: victoria
Australia/Brisbane AU: queensland
Australia/Adelaide AU: south australia
Australia/Perth AU: western australia
Australia/Hobart AU: tasmania
Australia/Darwin AU: northern territory
Europe/London GB: england, scotland, wales, northern ireland
`;

/** US state codes as written after a comma ("Cambridge, MA"); matched case-sensitively. */
export const STATE_CODES = `
America/New_York US: NY NJ CT MA RI VT NH ME PA DE MD VA WV NC SC GA FL OH MI IN KY DC
America/Chicago US: IL WI MN IA MO AR LA MS AL TN TX OK KS NE ND SD
America/Denver US: CO UT WY MT NM ID
America/Phoenix US: AZ
America/Los_Angeles US: CA OR WA NV
America/Anchorage US: AK
Pacific/Honolulu US: HI
`;

export const CITIES = `
America/New_York US: new york, nyc, brooklyn, manhattan, boston, philadelphia, atlanta, miami, orlando, tampa, charlotte, raleigh, pittsburgh, detroit, cleveland, columbus, baltimore
America/New_York CA: toronto, montreal, ottawa
America/Chicago US: chicago, houston, dallas, austin, san antonio, nashville, new orleans, minneapolis, st louis, kansas city, milwaukee
America/Chicago CA: winnipeg
America/Chicago MX: mexico city, guadalajara, monterrey
America/Denver US: denver, boulder, salt lake city, albuquerque
America/Denver CA: calgary, edmonton
America/Phoenix US: phoenix, scottsdale, tucson
America/Los_Angeles US: los angeles, san francisco, bay area, silicon valley, san jose, oakland, palo alto, mountain view, san diego, sacramento, seattle, portland, las vegas
America/Los_Angeles CA: vancouver
Pacific/Honolulu US: honolulu
America/Sao_Paulo BR: sao paulo, rio de janeiro, belo horizonte, brasilia, curitiba, porto alegre
America/Argentina/Buenos_Aires AR: buenos aires
America/Bogota CO: bogota, medellin
America/Lima PE: lima
America/Santiago CL: santiago
Europe/London GB: london, manchester, birmingham, edinburgh, glasgow, bristol, leeds, liverpool, cambridge, oxford, belfast
Europe/Dublin IE: dublin, cork
Europe/Lisbon PT: lisbon, porto
Europe/Madrid ES: madrid, barcelona, valencia, seville
Europe/Paris FR: paris, lyon, marseille, toulouse, nice
Europe/Berlin DE: berlin, munich, hamburg, frankfurt, cologne, stuttgart, dusseldorf
Europe/Amsterdam NL: amsterdam, rotterdam, the hague, utrecht, eindhoven
Europe/Brussels BE: brussels, antwerp
Europe/Zurich CH: zurich, geneva, basel
Europe/Vienna AT: vienna
Europe/Rome IT: rome, milan, turin, naples
Europe/Stockholm SE: stockholm, gothenburg
Europe/Copenhagen DK: copenhagen
Europe/Oslo NO: oslo
Europe/Helsinki FI: helsinki
Europe/Warsaw PL: warsaw, krakow, wroclaw
Europe/Prague CZ: prague
Europe/Budapest HU: budapest
Europe/Bucharest RO: bucharest
Europe/Athens GR: athens
Europe/Istanbul TR: istanbul, ankara
Europe/Kyiv UA: kyiv, kiev, lviv
Europe/Moscow RU: moscow, saint petersburg
Asia/Dubai AE: dubai, abu dhabi
Asia/Riyadh SA: riyadh, jeddah
Asia/Jerusalem IL: tel aviv, jerusalem
Africa/Cairo EG: cairo
Africa/Lagos NG: lagos, abuja
Africa/Nairobi KE: nairobi
Africa/Johannesburg ZA: johannesburg, cape town, durban
Asia/Karachi PK: karachi, lahore, islamabad
Asia/Kolkata IN: mumbai, bombay, delhi, new delhi, bengaluru, bangalore, hyderabad, chennai, pune, kolkata, gurgaon, gurugram, noida, ahmedabad
Asia/Dhaka BD: dhaka
Asia/Singapore SG: singapore
Asia/Kuala_Lumpur MY: kuala lumpur
Asia/Bangkok TH: bangkok
Asia/Ho_Chi_Minh VN: ho chi minh city, saigon, hanoi
Asia/Jakarta ID: jakarta
Asia/Manila PH: manila
Asia/Shanghai CN: beijing, shanghai, shenzhen, guangzhou, hangzhou
Asia/Hong_Kong HK: hong kong
Asia/Taipei TW: taipei
Asia/Seoul KR: seoul
Asia/Tokyo JP: tokyo, osaka, kyoto
Australia/Sydney AU: sydney, canberra
Australia/Melbourne AU: melbourne
Australia/Brisbane AU: brisbane
Australia/Perth AU: perth
Australia/Adelaide AU: adelaide
Pacific/Auckland NZ: auckland, wellington, christchurch
`;

export const COUNTRIES = `
Europe/London GB: united kingdom, uk, great britain, britain
Europe/Dublin IE: ireland
Europe/Lisbon PT: portugal
Europe/Madrid ES: spain
Europe/Paris FR: france
Europe/Berlin DE: germany, deutschland
Europe/Amsterdam NL: netherlands, holland
Europe/Brussels BE: belgium
Europe/Luxembourg LU: luxembourg
Europe/Zurich CH: switzerland
Europe/Vienna AT: austria
Europe/Rome IT: italy
Europe/Stockholm SE: sweden
Europe/Copenhagen DK: denmark
Europe/Oslo NO: norway
Europe/Helsinki FI: finland
Atlantic/Reykjavik IS: iceland
Europe/Tallinn EE: estonia
Europe/Riga LV: latvia
Europe/Vilnius LT: lithuania
Europe/Warsaw PL: poland
Europe/Prague CZ: czech republic, czechia
Europe/Bratislava SK: slovakia
Europe/Budapest HU: hungary
Europe/Bucharest RO: romania
Europe/Sofia BG: bulgaria
Europe/Athens GR: greece
Europe/Belgrade RS: serbia
Europe/Zagreb HR: croatia
Europe/Ljubljana SI: slovenia
Europe/Istanbul TR: turkey, turkiye
Europe/Kyiv UA: ukraine
Europe/Moscow RU: russia
Asia/Tbilisi GE: georgia
Asia/Dubai AE: united arab emirates, uae
Asia/Riyadh SA: saudi arabia
Asia/Qatar QA: qatar
Asia/Jerusalem IL: israel
Africa/Cairo EG: egypt
Africa/Casablanca MA: morocco
Africa/Lagos NG: nigeria
Africa/Accra GH: ghana
Africa/Nairobi KE: kenya
Africa/Johannesburg ZA: south africa
Asia/Karachi PK: pakistan
Asia/Kolkata IN: india
Asia/Colombo LK: sri lanka
Asia/Kathmandu NP: nepal
Asia/Dhaka BD: bangladesh
Asia/Singapore SG: singapore
Asia/Kuala_Lumpur MY: malaysia
Asia/Bangkok TH: thailand
Asia/Ho_Chi_Minh VN: vietnam
Asia/Jakarta ID: indonesia
Asia/Manila PH: philippines
Asia/Shanghai CN: china
Asia/Hong_Kong HK: hong kong
Asia/Taipei TW: taiwan
Asia/Seoul KR: south korea, korea
Asia/Tokyo JP: japan
Pacific/Auckland NZ: new zealand
America/Mexico_City MX: mexico
America/Guatemala GT: guatemala
America/Costa_Rica CR: costa rica
America/Panama PA: panama
America/Bogota CO: colombia
America/Lima PE: peru
America/Guayaquil EC: ecuador
America/Caracas VE: venezuela
America/Santiago CL: chile
America/Argentina/Buenos_Aires AR: argentina
America/Montevideo UY: uruguay
America/Sao_Paulo BR: brazil, brasil
America/Puerto_Rico PR: puerto rico
`;
