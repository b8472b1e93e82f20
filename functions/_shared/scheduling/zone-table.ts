// Place names → IANA zones, for contacts whose zone we only know from a location string
// (LinkedIn's "Greater Seattle Area", a CRM's "Berlin, Germany"). Names are lower case without
// accents. Countries that span several zones with no clear majority (United States, Canada,
// Australia) are deliberately absent: a city or state is needed there.

/** States, provinces and nations: they outrank cities ("Paris, Texas", "London, Ontario"). */
export const REGIONS = `
America/New_York: new york state, new jersey, connecticut, massachusetts, rhode island, vermont, new hampshire, maine, pennsylvania, delaware, maryland, virginia, west virginia, north carolina, south carolina, florida, ohio, michigan, indiana, kentucky, washington dc, district of columbia, ontario, quebec
America/Chicago: illinois, wisconsin, minnesota, iowa, missouri, arkansas, louisiana, mississippi, alabama, tennessee, texas, oklahoma, kansas, nebraska, north dakota, south dakota, manitoba
America/Denver: colorado, utah, wyoming, montana, new mexico, idaho, alberta
America/Phoenix: arizona
America/Los_Angeles: california, oregon, washington state, washington, nevada, british columbia
America/Anchorage: alaska
Pacific/Honolulu: hawaii
America/Regina: saskatchewan
America/Halifax: nova scotia, new brunswick, prince edward island
America/St_Johns: newfoundland
Australia/Sydney: new south wales, australian capital territory
Australia/Melbourne: victoria
Australia/Brisbane: queensland
Australia/Adelaide: south australia
Australia/Perth: western australia
Australia/Hobart: tasmania
Australia/Darwin: northern territory
Europe/London: england, scotland, wales, northern ireland
`;

/** US state codes as written after a comma ("Cambridge, MA"); matched case-sensitively. */
export const STATE_CODES = `
America/New_York: NY NJ CT MA RI VT NH ME PA DE MD VA WV NC SC GA FL OH MI IN KY DC
America/Chicago: IL WI MN IA MO AR LA MS AL TN TX OK KS NE ND SD
America/Denver: CO UT WY MT NM ID
America/Phoenix: AZ
America/Los_Angeles: CA OR WA NV
America/Anchorage: AK
Pacific/Honolulu: HI
`;

export const CITIES = `
America/New_York: new york, nyc, brooklyn, manhattan, boston, philadelphia, atlanta, miami, orlando, tampa, charlotte, raleigh, pittsburgh, detroit, cleveland, columbus, baltimore, toronto, montreal, ottawa
America/Chicago: chicago, houston, dallas, austin, san antonio, nashville, new orleans, minneapolis, st louis, kansas city, milwaukee, winnipeg, mexico city, guadalajara, monterrey
America/Denver: denver, boulder, salt lake city, albuquerque, calgary, edmonton
America/Phoenix: phoenix, scottsdale, tucson
America/Los_Angeles: los angeles, san francisco, bay area, silicon valley, san jose, oakland, palo alto, mountain view, san diego, sacramento, seattle, portland, las vegas, vancouver
Pacific/Honolulu: honolulu
America/Sao_Paulo: sao paulo, rio de janeiro, belo horizonte, brasilia, curitiba, porto alegre
America/Argentina/Buenos_Aires: buenos aires
America/Bogota: bogota, medellin
America/Lima: lima
America/Santiago: santiago
Europe/London: london, manchester, birmingham, edinburgh, glasgow, bristol, leeds, liverpool, cambridge, oxford, belfast
Europe/Dublin: dublin, cork
Europe/Lisbon: lisbon, porto
Europe/Madrid: madrid, barcelona, valencia, seville
Europe/Paris: paris, lyon, marseille, toulouse, nice
Europe/Berlin: berlin, munich, hamburg, frankfurt, cologne, stuttgart, dusseldorf
Europe/Amsterdam: amsterdam, rotterdam, the hague, utrecht, eindhoven
Europe/Brussels: brussels, antwerp
Europe/Zurich: zurich, geneva, basel
Europe/Vienna: vienna
Europe/Rome: rome, milan, turin, naples
Europe/Stockholm: stockholm, gothenburg
Europe/Copenhagen: copenhagen
Europe/Oslo: oslo
Europe/Helsinki: helsinki
Europe/Warsaw: warsaw, krakow, wroclaw
Europe/Prague: prague
Europe/Budapest: budapest
Europe/Bucharest: bucharest
Europe/Athens: athens
Europe/Istanbul: istanbul, ankara
Europe/Kyiv: kyiv, kiev, lviv
Europe/Moscow: moscow, saint petersburg
Asia/Dubai: dubai, abu dhabi
Asia/Riyadh: riyadh, jeddah
Asia/Jerusalem: tel aviv, jerusalem
Africa/Cairo: cairo
Africa/Lagos: lagos, abuja
Africa/Nairobi: nairobi
Africa/Johannesburg: johannesburg, cape town, durban
Asia/Karachi: karachi, lahore, islamabad
Asia/Kolkata: mumbai, bombay, delhi, new delhi, bengaluru, bangalore, hyderabad, chennai, pune, kolkata, gurgaon, gurugram, noida, ahmedabad
Asia/Dhaka: dhaka
Asia/Singapore: singapore
Asia/Kuala_Lumpur: kuala lumpur
Asia/Bangkok: bangkok
Asia/Ho_Chi_Minh: ho chi minh city, saigon, hanoi
Asia/Jakarta: jakarta
Asia/Manila: manila
Asia/Shanghai: beijing, shanghai, shenzhen, guangzhou, hangzhou
Asia/Hong_Kong: hong kong
Asia/Taipei: taipei
Asia/Seoul: seoul
Asia/Tokyo: tokyo, osaka, kyoto
Australia/Sydney: sydney, canberra
Australia/Melbourne: melbourne
Australia/Brisbane: brisbane
Australia/Perth: perth
Australia/Adelaide: adelaide
Pacific/Auckland: auckland, wellington, christchurch
`;

export const COUNTRIES = `
Europe/London: united kingdom, uk, great britain, britain
Europe/Dublin: ireland
Europe/Lisbon: portugal
Europe/Madrid: spain
Europe/Paris: france
Europe/Berlin: germany, deutschland
Europe/Amsterdam: netherlands, holland
Europe/Brussels: belgium
Europe/Luxembourg: luxembourg
Europe/Zurich: switzerland
Europe/Vienna: austria
Europe/Rome: italy
Europe/Stockholm: sweden
Europe/Copenhagen: denmark
Europe/Oslo: norway
Europe/Helsinki: finland
Atlantic/Reykjavik: iceland
Europe/Tallinn: estonia
Europe/Riga: latvia
Europe/Vilnius: lithuania
Europe/Warsaw: poland
Europe/Prague: czech republic, czechia
Europe/Bratislava: slovakia
Europe/Budapest: hungary
Europe/Bucharest: romania
Europe/Sofia: bulgaria
Europe/Athens: greece
Europe/Belgrade: serbia
Europe/Zagreb: croatia
Europe/Ljubljana: slovenia
Europe/Istanbul: turkey, turkiye
Europe/Kyiv: ukraine
Europe/Moscow: russia
Asia/Tbilisi: georgia
Asia/Dubai: united arab emirates, uae
Asia/Riyadh: saudi arabia
Asia/Qatar: qatar
Asia/Jerusalem: israel
Africa/Cairo: egypt
Africa/Casablanca: morocco
Africa/Lagos: nigeria
Africa/Accra: ghana
Africa/Nairobi: kenya
Africa/Johannesburg: south africa
Asia/Karachi: pakistan
Asia/Kolkata: india
Asia/Colombo: sri lanka
Asia/Kathmandu: nepal
Asia/Dhaka: bangladesh
Asia/Singapore: singapore
Asia/Kuala_Lumpur: malaysia
Asia/Bangkok: thailand
Asia/Ho_Chi_Minh: vietnam
Asia/Jakarta: indonesia
Asia/Manila: philippines
Asia/Shanghai: china
Asia/Hong_Kong: hong kong
Asia/Taipei: taiwan
Asia/Seoul: south korea, korea
Asia/Tokyo: japan
Pacific/Auckland: new zealand
America/Mexico_City: mexico
America/Guatemala: guatemala
America/Costa_Rica: costa rica
America/Panama: panama
America/Bogota: colombia
America/Lima: peru
America/Guayaquil: ecuador
America/Caracas: venezuela
America/Santiago: chile
America/Argentina/Buenos_Aires: argentina
America/Montevideo: uruguay
America/Sao_Paulo: brazil, brasil
America/Puerto_Rico: puerto rico
`;
