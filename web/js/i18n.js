// Message catalogue: Dutch first, English second.  t('key', {param}) fills
// {param} placeholders.  The chosen language is remembered in localStorage.
const STORAGE_KEY = 'doorloop.lang';

const messages = {
  nl: {
    'app.name': 'Doorloop',
    'app.tagline': 'Doorlopende gespecialiseerde zorg',
    'skip.main': 'Naar de inhoud',
    'nav.label': 'Hoofdmenu',
    'nav.caseload': 'Mijn cliënten',
    'nav.organisation': 'Mijn organisatie',
    'nav.admin': 'Beheer',
    'nav.myfile': 'Mijn dossier',
    'lang.switch': 'English',
    'lang.switch.label': 'Switch to English',
    'logout': 'Uitloggen',
    'loggedin.as': 'Ingelogd als {name} ({role}, {org})',
    'footer.text': 'Doorloop — één traject per meisje, van eerste signaal tot de hulp heeft gewerkt, ook na haar 18de.',
    'loading': 'Bezig met laden…',
    'saving': 'Bezig met opslaan…',
    'error.generic': 'Er ging iets mis. Probeer het later opnieuw.',
    'error.network': 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    'error.forbidden': 'U hebt geen toegang tot deze gegevens.',
    'error.conflict': 'Dit kan niet: het botst met bestaande gegevens.',
    'error.summary': 'Het formulier bevat een fout. Verbeter het veld dat is gemarkeerd.',
    'role.admin': 'beheerder',
    'role.coordinator': 'coördinator',
    'role.caregiver': 'hulpverlener',
    'role.partner': 'partneraanbieder',
    'role.client': 'cliënte',
    'role.municipality': 'gemeente',
    'role.monitor': 'landelijke monitor',

    'login.title': 'Inloggen',
    'login.intro': 'Log in met uw gebruikersnaam en wachtwoord.',
    'login.username': 'Gebruikersnaam',
    'login.password': 'Wachtwoord',
    'login.submit': 'Inloggen',
    'login.busy': 'Bezig met inloggen…',
    'login.wrong': 'Gebruikersnaam of wachtwoord klopt niet. Controleer beide en probeer het opnieuw.',
    'login.locked': 'Dit account is geblokkeerd na te veel mislukte pogingen. Neem contact op met de beheerder van uw organisatie.',
    'login.ratelimited': 'Te veel inlogpogingen vanaf dit adres. Wacht een paar minuten en probeer het dan opnieuw.',
    'login.expired': 'Je sessie is verlopen. Log opnieuw in om verder te gaan.',
    'login.loggedout': 'U bent uitgelogd.',
    'login.required': 'Vul uw gebruikersnaam en wachtwoord in.',

    'caseload.title': 'Mijn cliënten',
    'caseload.intro.caregiver': 'De meisjes in wier team u zit.',
    'caseload.intro.coordinator': 'Alle trajecten die uw instelling coördineert.',
    'caseload.intro.partner': 'De meisjes voor wie uw organisatie een fase levert.',
    'caseload.search': 'Zoek op pseudoniem',
    'caseload.search.button': 'Zoeken',
    'caseload.sort': 'Sorteren op',
    'caseload.sort.pseudonym': 'pseudoniem',
    'caseload.sort.days_until_18': 'dagen tot 18',
    'caseload.sort.gap_days': 'dagen zonder grondslag',
    'caseload.sort.transfers': 'overplaatsingen',
    'caseload.caption': 'Cliënten ({total}), gesorteerd op {sort}',
    'caseload.col.pseudonym': 'Pseudoniem',
    'caseload.col.age': 'Leeftijd',
    'caseload.col.days18': 'Dagen tot 18',
    'caseload.col.municipality': 'Gemeente',
    'caseload.col.gap': 'Dagen zonder grondslag',
    'caseload.col.transfers': 'Overplaatsingen',
    'caseload.col.status': 'Let op',
    'caseload.empty': 'Geen cliënten gevonden.',
    'caseload.empty.search': 'Geen cliënten gevonden met pseudoniem "{q}".',
    'caseload.urgent': 'Bijna 18, gat in de grondslag',
    'caseload.soon18': 'Binnen een jaar 18',
    'caseload.gap': 'Gat in de grondslag',
    'caseload.already18': '18+',
    'caseload.summary.urgent': '{n} meisje(s) worden binnen een jaar 18 en hebben een gat in de grondslag.',
    'caseload.summary.none': 'Geen meisjes die binnen een jaar 18 worden met een gat in de grondslag.',
    'caseload.more': 'Meer laden',
    'caseload.shown': '{shown} van {total} getoond',
    'caseload.gap18': 'Gat vanaf 18ste verjaardag',

    'client.back': 'Terug naar Mijn cliënten',
    'client.pseudonym': 'Pseudoniem',
    'client.age': 'Leeftijd',
    'client.birthdate': 'Geboortedatum',
    'client.days18': 'Dagen tot 18',
    'client.eighteen': '18de verjaardag',
    'client.municipality': 'Verantwoordelijke gemeente',
    'client.coordinator': 'Coördinerende instelling',
    'client.trajectory': 'Traject',
    'client.trajectory.since': 'sinds {date}',
    'client.trajectory.closed': '{start} tot {end}',
    'client.trajectory.none': 'Geen open traject',
    'client.shielded': 'Afgeschermd dossier',
    'client.accesslog': 'Wie heeft dit dossier ingezien',
    'client.figures': 'Continuïteit',
    'fig.transfers': 'Overplaatsingen',
    'fig.distinct_main_caregivers': 'Verschillende hoofdbehandelaars',
    'fig.days_without_basis': 'Dagen zonder grondslag',
    'fig.days_without_main_caregiver': 'Dagen zonder hoofdbehandelaar',
    'fig.gap_at_18': 'Gat rond 18ste verjaardag',
    'yes': 'ja',
    'no': 'nee',
    'days': '{n} dagen',
    'day1': '1 dag',
    'turned18.ago': 'al 18 (sinds {n} dagen)',
    'today18': 'vandaag 18',

    'notfound.title': 'Niet gevonden',
    'notfound.client': 'Deze cliënte is niet gevonden, of u hebt geen toegang tot haar dossier.',
    'notfound.page': 'Deze pagina bestaat niet.',
    'notfound.home': 'Naar de startpagina',
    'noaccess.title': 'Geen toegang',
    'noaccess.text': 'Met uw rol hebt u geen toegang tot gegevens van cliënten. U ziet alleen cijfers voor uw organisatie.',
    'bg.title': 'Noodtoegang aanvragen',
    'bg.intro': 'Hoort u niet bij het team van deze cliënte, maar is toegang nu nodig voor haar veiligheid of zorg? Dan kunt u noodtoegang aanvragen. Geef de reden op. Uw toegang duurt 60 minuten, wordt vastgelegd en is zichtbaar voor de cliënte en de coördinator.',
    'bg.open': 'Noodtoegang aanvragen',
    'bg.reason': 'Reden voor noodtoegang',
    'bg.reason.hint': 'Tussen 10 en 500 tekens. Deze reden komt bij elke registratie in het toegangslogboek.',
    'bg.reason.short': 'Geef een reden van minstens 10 tekens.',
    'bg.reason.long': 'De reden mag hoogstens 500 tekens lang zijn.',
    'bg.submit': 'Noodtoegang openen',
    'bg.cancel': 'Annuleren',
    'bg.banner.title': 'Noodtoegang',
    'bg.banner': 'U bekijkt dit dossier met noodtoegang. Alles wat u inziet of wijzigt, wordt vastgelegd en is zichtbaar voor de cliënte en de coördinator. De toegang verloopt om {time}.',

    'org.title': 'Mijn organisatie',
    'org.intro': 'U bent ingelogd namens {org}.',
    'org.figures': 'Cijfers',
    'org.figures.soon': 'Geanonimiseerde cijfers voor uw organisatie volgen: geregistreerde slachtoffers, zorgvraag, continuïteit en overgangen na 18 jaar. Cliëntgegevens zijn voor uw rol niet beschikbaar.',

    'admin.title': 'Beheer',
    'admin.users': 'Gebruikers',
    'admin.orgs': 'Organisaties',
    'admin.col.username': 'Gebruikersnaam',
    'admin.col.name': 'Naam',
    'admin.col.role': 'Rol',
    'admin.col.org': 'Organisatie',
    'admin.col.kind': 'Soort',
    'admin.col.region': 'Regio',
    'orgkind.institution': 'instelling',
    'orgkind.municipality': 'gemeente',
    'orgkind.other': 'overig',

    'timeline.title': 'Traject in beeld',
    'timeline.svg.label': 'Tijdlijn van het traject van {name}',
    'timeline.intro': 'Gebruik Tab om langs de onderdelen te gaan; de details verschijnen onder de tijdlijn.',
    'timeline.lane.phases': 'Zorgvorm',
    'timeline.lane.bases': 'Grondslag',
    'timeline.lane.orders': 'Maatregel',
    'timeline.lane.team': 'Team',
    'timeline.today': 'vandaag',
    'timeline.b18': '18 jaar',
    'timeline.b23': '23 jaar',
    'timeline.gap': 'Geen grondslag',
    'timeline.gap.open': 'vanaf deze datum, zonder einde',
    'timeline.gap.detail': 'Geen grondslag van {start} tot en met {end} ({days})',
    'timeline.flag': 'Na wettelijk einde',
    'timeline.flag.detail': 'Vastgelegd tot {recorded}, maar wettelijk afgelopen op {legal}',
    'timeline.flag.detail.open': 'Vastgelegd zonder einddatum, maar wettelijk einde op {legal}',
    'timeline.ongoing': 'loopt nog',
    'timeline.details': 'Details',
    'timeline.details.empty': 'Kies een onderdeel van de tijdlijn om de details te zien.',
    'timeline.legend': 'Legenda',
    'timeline.full': 'Toon tot 23ste verjaardag',
    'timeline.table': 'Tijdlijn als tabel',
    'timeline.table.caption': 'Alle onderdelen van het traject in de tijd',
    'timeline.col.type': 'Soort',
    'timeline.col.what': 'Omschrijving',
    'timeline.col.from': 'Van',
    'timeline.col.to': 'Tot en met',
    'timeline.col.age': 'Leeftijd bij start',
    'timeline.col.notes': 'Bijzonderheden',
    'timeline.empty': 'Er is nog niets vastgelegd in dit traject.',
    'timeline.rendered': 'Tijdlijn bijgewerkt.',
    'timeline.from': 'van {date}',
    'timeline.until': 'tot en met {date}',
    'timeline.age': 'leeftijd bij start {age}',
    'type.phase': 'Fase',
    'type.legal_basis': 'Grondslag',
    'type.court_order': 'Maatregel',
    'type.team': 'Teamlid',
    'type.gap': 'Gat',
    'type.marker': 'Moment',

    'form.ambulant': 'ambulant',
    'form.family_home': 'gezinshuis / kleinschalige opvang',
    'form.open_residential': 'open gespecialiseerde instelling',
    'form.secure_residential': 'gesloten jeugdhulp',
    'basis.jeugdwet': 'Jeugdwet',
    'basis.verlengde_jeugdhulp': 'verlengde jeugdhulp (tot 23)',
    'basis.wmo': 'Wmo 2015',
    'basis.wlz': 'Wlz',
    'basis.zvw_ggz': 'Zvw (ggz)',
    'basis.criminal': 'strafrechtelijk',
    'basis.other': 'overig',
    'order.machtiging': 'machtiging gesloten jeugdhulp',
    'order.spoedmachtiging': 'spoedmachtiging',
    'order.voorwaardelijke_machtiging': 'voorwaardelijke machtiging',
    'order.ots': 'ondertoezichtstelling (OTS)',
    'order.voogdij': 'voogdij',
    'teamrole.main_caregiver': 'hoofdbehandelaar / vaste hulpverlener',
    'teamrole.caregiver': 'hulpverlener',
    'teamrole.therapist': 'behandelaar',
    'teamrole.guardian': 'voogd',
    'teamrole.other': 'overig',

    'section.phases': 'Fasen en plaatsingen',
    'section.bases': 'Wettelijke grondslagen',
    'section.orders': 'Rechterlijke maatregelen',
    'section.team': 'Team',
    'add.phase': 'Fase toevoegen',
    'add.legal_basis': 'Grondslag toevoegen',
    'add.court_order': 'Maatregel toevoegen',
    'add.team': 'Teamlid toevoegen',
    'edit.phase': 'Fase wijzigen',
    'edit.legal_basis': 'Grondslag wijzigen',
    'edit.court_order': 'Maatregel wijzigen',
    'edit.team': 'Teamlid wijzigen',
    'end.phase': 'Fase beëindigen',
    'end.legal_basis': 'Grondslag beëindigen',
    'end.court_order': 'Maatregel beëindigen',
    'end.team': 'Teamlid beëindigen',
    'action.edit': 'Wijzigen',
    'action.end': 'Beëindigen',
    'action.edit.label': '{what} wijzigen',
    'action.end.label': '{what} beëindigen',
    'action.save': 'Opslaan',
    'action.cancel': 'Annuleren',
    'saved.phase': 'De fase is opgeslagen. De tijdlijn is bijgewerkt.',
    'saved.legal_basis': 'De grondslag is opgeslagen. De tijdlijn is bijgewerkt.',
    'saved.court_order': 'De maatregel is opgeslagen. De tijdlijn is bijgewerkt.',
    'saved.team': 'Het teamlid is opgeslagen. De tijdlijn is bijgewerkt.',
    'saved.ended': 'Beëindigd. De tijdlijn is bijgewerkt.',
    'list.empty': 'Nog niets vastgelegd.',
    'col.kind': 'Soort',
    'col.provider': 'Aanbieder',
    'col.location': 'Locatie',
    'col.period': 'Periode',
    'col.actions': 'Acties',
    'col.person': 'Persoon',
    'col.role': 'Rol',
    'col.paying': 'Betalende gemeente',
    'col.legal_end': 'Wettelijk einde',
    'period': '{from} – {to}',
    'period.open': 'vanaf {from}',

    'field.form': 'Zorgvorm',
    'field.provider_id': 'Aanbieder',
    'field.location': 'Locatie',
    'field.location.hint': 'Alleen het team ziet de locatie als die is afgeschermd.',
    'field.location_shielded': 'Locatie afschermen',
    'field.start_date': 'Startdatum',
    'field.end_date': 'Einddatum',
    'field.end_date.hint': 'Leeg laten als de fase nog loopt.',
    'field.date.hint': 'Als dd-mm-jjjj, bijvoorbeeld 01-03-2024.',
    'field.change_reason': 'Reden van de wijziging',
    'field.out_of_region': 'Plaatsing buiten de eigen regio',
    'field.safety_reason': 'Veiligheidsreden',
    'field.safety_reason.hint': 'Verplicht bij een plaatsing buiten de eigen regio.',
    'field.kind': 'Soort',
    'field.paying_municipality_id': 'Betalende gemeente',
    'field.user_id': 'Persoon',
    'field.role': 'Rol in het team',
    'field.from_date': 'Vanaf',
    'field.to_date': 'Tot en met',
    'field.choose': 'Kies…',
    'field.none': '(geen)',
    'field.required': 'Dit veld is verplicht.',
    'field.date.invalid': 'Vul een bestaande datum in als dd-mm-jjjj, bijvoorbeeld 01-03-2024.',
    'field.shielded': 'afgeschermd',

    'access.title': 'Wie heeft dit dossier ingezien',
    'access.intro': 'Elke keer dat iemand dit dossier bekijkt of wijzigt, wordt dat vastgelegd. Nieuwste eerst.',
    'access.caption': 'Toegangslogboek ({total} registraties)',
    'access.col.at': 'Wanneer',
    'access.col.user': 'Wie',
    'access.col.role': 'Rol',
    'access.col.org': 'Organisatie',
    'access.col.action': 'Wat',
    'access.col.outcome': 'Uitkomst',
    'access.col.purpose': 'Doel / reden',
    'access.outcome.ok': 'toegestaan',
    'access.outcome.denied': 'geweigerd',
    'access.breakglass': 'noodtoegang',
    'access.empty': 'Nog geen registraties.',
    'access.more': 'Meer laden',
    'access.back': 'Terug naar het dossier',
    'action.read': 'ingezien',
    'action.create': 'toegevoegd',
    'action.update': 'gewijzigd',
    'action.delete': 'verwijderd',
    'action.end_': 'beëindigd',
    'action.break_glass': 'noodtoegang geopend',

    'age.years': '{y} jaar',
    'age.years.months': '{y} jaar en {m} maanden',
    'age.years.month': '{y} jaar en 1 maand',
  },
  en: {
    'app.name': 'Doorloop',
    'app.tagline': 'Continuous specialised care',
    'skip.main': 'Skip to content',
    'nav.label': 'Main menu',
    'nav.caseload': 'My clients',
    'nav.organisation': 'My organisation',
    'nav.admin': 'Administration',
    'nav.myfile': 'My file',
    'lang.switch': 'Nederlands',
    'lang.switch.label': 'Schakel naar Nederlands',
    'logout': 'Log out',
    'loggedin.as': 'Logged in as {name} ({role}, {org})',
    'footer.text': 'Doorloop — one trajectory per girl, from first signal until help has worked, also past her 18th birthday.',
    'loading': 'Loading…',
    'saving': 'Saving…',
    'error.generic': 'Something went wrong. Please try again later.',
    'error.network': 'The server cannot be reached. Check the connection and try again.',
    'error.forbidden': 'You do not have access to this data.',
    'error.conflict': 'This is not possible: it conflicts with existing data.',
    'error.summary': 'The form contains an error. Correct the highlighted field.',
    'role.admin': 'administrator',
    'role.coordinator': 'coordinator',
    'role.caregiver': 'caregiver',
    'role.partner': 'partner provider',
    'role.client': 'client',
    'role.municipality': 'municipality',
    'role.monitor': 'national monitor',

    'login.title': 'Log in',
    'login.intro': 'Log in with your username and password.',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.busy': 'Logging in…',
    'login.wrong': 'Username or password is incorrect. Check both and try again.',
    'login.locked': 'This account is locked after too many failed attempts. Contact the administrator of your organisation.',
    'login.ratelimited': 'Too many login attempts from this address. Wait a few minutes and try again.',
    'login.expired': 'Your session has expired. Log in again to continue.',
    'login.loggedout': 'You are logged out.',
    'login.required': 'Enter your username and password.',

    'caseload.title': 'My clients',
    'caseload.intro.caregiver': 'The girls whose team you are on.',
    'caseload.intro.coordinator': 'Every trajectory your institution coordinates.',
    'caseload.intro.partner': 'The girls for whom your organisation delivers a phase.',
    'caseload.search': 'Search by pseudonym',
    'caseload.search.button': 'Search',
    'caseload.sort': 'Sort by',
    'caseload.sort.pseudonym': 'pseudonym',
    'caseload.sort.days_until_18': 'days until 18',
    'caseload.sort.gap_days': 'days without legal basis',
    'caseload.sort.transfers': 'transfers',
    'caseload.caption': 'Clients ({total}), sorted by {sort}',
    'caseload.col.pseudonym': 'Pseudonym',
    'caseload.col.age': 'Age',
    'caseload.col.days18': 'Days until 18',
    'caseload.col.municipality': 'Municipality',
    'caseload.col.gap': 'Days without legal basis',
    'caseload.col.transfers': 'Transfers',
    'caseload.col.status': 'Attention',
    'caseload.empty': 'No clients found.',
    'caseload.empty.search': 'No clients found with pseudonym "{q}".',
    'caseload.urgent': 'Almost 18, gap in legal basis',
    'caseload.soon18': 'Turns 18 within a year',
    'caseload.gap': 'Gap in the legal basis',
    'caseload.already18': '18+',
    'caseload.summary.urgent': '{n} girl(s) turn 18 within a year and have a gap in the legal basis.',
    'caseload.summary.none': 'No girls turning 18 within a year with a gap in the legal basis.',
    'caseload.more': 'Load more',
    'caseload.shown': '{shown} of {total} shown',
    'caseload.gap18': 'Gap from 18th birthday',

    'client.back': 'Back to My clients',
    'client.pseudonym': 'Pseudonym',
    'client.age': 'Age',
    'client.birthdate': 'Date of birth',
    'client.days18': 'Days until 18',
    'client.eighteen': '18th birthday',
    'client.municipality': 'Responsible municipality',
    'client.coordinator': 'Coordinating institution',
    'client.trajectory': 'Trajectory',
    'client.trajectory.since': 'since {date}',
    'client.trajectory.closed': '{start} to {end}',
    'client.trajectory.none': 'No open trajectory',
    'client.shielded': 'Shielded file',
    'client.accesslog': 'Who has viewed this file',
    'client.figures': 'Continuity',
    'fig.transfers': 'Transfers',
    'fig.distinct_main_caregivers': 'Distinct main caregivers',
    'fig.days_without_basis': 'Days without legal basis',
    'fig.days_without_main_caregiver': 'Days without main caregiver',
    'fig.gap_at_18': 'Gap around 18th birthday',
    'yes': 'yes',
    'no': 'no',
    'days': '{n} days',
    'day1': '1 day',
    'turned18.ago': '18+ (for {n} days)',
    'today18': 'turns 18 today',

    'notfound.title': 'Not found',
    'notfound.client': 'This client was not found, or you do not have access to her file.',
    'notfound.page': 'This page does not exist.',
    'notfound.home': 'Go to the start page',
    'noaccess.title': 'No access',
    'noaccess.text': 'Your role gives no access to client data. You only see figures for your organisation.',
    'bg.title': 'Request emergency access',
    'bg.intro': 'Not on this client\'s team, but is access needed now for her safety or care? Then you can request emergency access. State the reason. Access lasts 60 minutes, is logged, and is visible to the client and the coordinator.',
    'bg.open': 'Request emergency access',
    'bg.reason': 'Reason for emergency access',
    'bg.reason.hint': 'Between 10 and 500 characters. This reason is attached to every entry in the access log.',
    'bg.reason.short': 'Give a reason of at least 10 characters.',
    'bg.reason.long': 'The reason may be at most 500 characters long.',
    'bg.submit': 'Open emergency access',
    'bg.cancel': 'Cancel',
    'bg.banner.title': 'Emergency access',
    'bg.banner': 'You are viewing this file with emergency access. Everything you view or change is logged and visible to the client and the coordinator. Access expires at {time}.',

    'org.title': 'My organisation',
    'org.intro': 'You are logged in on behalf of {org}.',
    'org.figures': 'Figures',
    'org.figures.soon': 'Anonymised figures for your organisation will follow: registered victims, care demand, continuity and transitions past 18. Client data is not available for your role.',

    'admin.title': 'Administration',
    'admin.users': 'Users',
    'admin.orgs': 'Organisations',
    'admin.col.username': 'Username',
    'admin.col.name': 'Name',
    'admin.col.role': 'Role',
    'admin.col.org': 'Organisation',
    'admin.col.kind': 'Kind',
    'admin.col.region': 'Region',
    'orgkind.institution': 'institution',
    'orgkind.municipality': 'municipality',
    'orgkind.other': 'other',

    'timeline.title': 'Trajectory at a glance',
    'timeline.svg.label': 'Timeline of the trajectory of {name}',
    'timeline.intro': 'Use Tab to move through the parts; the details appear below the timeline.',
    'timeline.lane.phases': 'Care form',
    'timeline.lane.bases': 'Legal basis',
    'timeline.lane.orders': 'Court order',
    'timeline.lane.team': 'Team',
    'timeline.today': 'today',
    'timeline.b18': '18 years',
    'timeline.b23': '23 years',
    'timeline.gap': 'No legal basis',
    'timeline.gap.open': 'from this date, without an end',
    'timeline.gap.detail': 'No legal basis from {start} up to and including {end} ({days})',
    'timeline.flag': 'Past legal end',
    'timeline.flag.detail': 'Recorded until {recorded}, but legally ended on {legal}',
    'timeline.flag.detail.open': 'Recorded without an end date, but its legal end is {legal}',
    'timeline.ongoing': 'ongoing',
    'timeline.details': 'Details',
    'timeline.details.empty': 'Choose a part of the timeline to see its details.',
    'timeline.legend': 'Legend',
    'timeline.full': 'Show up to 23rd birthday',
    'timeline.table': 'Timeline as a table',
    'timeline.table.caption': 'All parts of the trajectory over time',
    'timeline.col.type': 'Type',
    'timeline.col.what': 'Description',
    'timeline.col.from': 'From',
    'timeline.col.to': 'Up to and including',
    'timeline.col.age': 'Age at start',
    'timeline.col.notes': 'Notes',
    'timeline.empty': 'Nothing has been recorded in this trajectory yet.',
    'timeline.rendered': 'Timeline updated.',
    'timeline.from': 'from {date}',
    'timeline.until': 'up to and including {date}',
    'timeline.age': 'age at start {age}',
    'type.phase': 'Phase',
    'type.legal_basis': 'Legal basis',
    'type.court_order': 'Court order',
    'type.team': 'Team member',
    'type.gap': 'Gap',
    'type.marker': 'Moment',

    'form.ambulant': 'ambulant',
    'form.family_home': 'family home / small-scale care',
    'form.open_residential': 'open residential institution',
    'form.secure_residential': 'secure residential care',
    'basis.jeugdwet': 'Youth Act (Jeugdwet)',
    'basis.verlengde_jeugdhulp': 'extended youth care (to 23)',
    'basis.wmo': 'Social Support Act (Wmo 2015)',
    'basis.wlz': 'Long-term Care Act (Wlz)',
    'basis.zvw_ggz': 'Health Insurance Act (mental health)',
    'basis.criminal': 'criminal law',
    'basis.other': 'other',
    'order.machtiging': 'secure youth care authorisation',
    'order.spoedmachtiging': 'emergency authorisation',
    'order.voorwaardelijke_machtiging': 'conditional authorisation',
    'order.ots': 'family supervision order (OTS)',
    'order.voogdij': 'guardianship',
    'teamrole.main_caregiver': 'main caregiver',
    'teamrole.caregiver': 'caregiver',
    'teamrole.therapist': 'therapist',
    'teamrole.guardian': 'guardian',
    'teamrole.other': 'other',

    'section.phases': 'Phases and placements',
    'section.bases': 'Legal bases',
    'section.orders': 'Court orders',
    'section.team': 'Team',
    'add.phase': 'Add phase',
    'add.legal_basis': 'Add legal basis',
    'add.court_order': 'Add court order',
    'add.team': 'Add team member',
    'edit.phase': 'Change phase',
    'edit.legal_basis': 'Change legal basis',
    'edit.court_order': 'Change court order',
    'edit.team': 'Change team member',
    'end.phase': 'End phase',
    'end.legal_basis': 'End legal basis',
    'end.court_order': 'End court order',
    'end.team': 'End team membership',
    'action.edit': 'Change',
    'action.end': 'End',
    'action.edit.label': 'Change {what}',
    'action.end.label': 'End {what}',
    'action.save': 'Save',
    'action.cancel': 'Cancel',
    'saved.phase': 'The phase has been saved. The timeline is updated.',
    'saved.legal_basis': 'The legal basis has been saved. The timeline is updated.',
    'saved.court_order': 'The court order has been saved. The timeline is updated.',
    'saved.team': 'The team member has been saved. The timeline is updated.',
    'saved.ended': 'Ended. The timeline is updated.',
    'list.empty': 'Nothing recorded yet.',
    'col.kind': 'Kind',
    'col.provider': 'Provider',
    'col.location': 'Location',
    'col.period': 'Period',
    'col.actions': 'Actions',
    'col.person': 'Person',
    'col.role': 'Role',
    'col.paying': 'Paying municipality',
    'col.legal_end': 'Legal end',
    'period': '{from} – {to}',
    'period.open': 'from {from}',

    'field.form': 'Care form',
    'field.provider_id': 'Provider',
    'field.location': 'Location',
    'field.location.hint': 'Only the team sees a shielded location.',
    'field.location_shielded': 'Shield location',
    'field.start_date': 'Start date',
    'field.end_date': 'End date',
    'field.end_date.hint': 'Leave empty while the phase is ongoing.',
    'field.date.hint': 'As dd-mm-yyyy, for example 01-03-2024.',
    'field.change_reason': 'Reason for the change',
    'field.out_of_region': 'Placement outside the home region',
    'field.safety_reason': 'Safety reason',
    'field.safety_reason.hint': 'Required for a placement outside the home region.',
    'field.kind': 'Kind',
    'field.paying_municipality_id': 'Paying municipality',
    'field.user_id': 'Person',
    'field.role': 'Role in the team',
    'field.from_date': 'From',
    'field.to_date': 'Up to and including',
    'field.choose': 'Choose…',
    'field.none': '(none)',
    'field.required': 'This field is required.',
    'field.date.invalid': 'Enter an existing date as dd-mm-yyyy, for example 01-03-2024.',
    'field.shielded': 'shielded',

    'access.title': 'Who has viewed this file',
    'access.intro': 'Every time someone views or changes this file, it is logged. Newest first.',
    'access.caption': 'Access log ({total} entries)',
    'access.col.at': 'When',
    'access.col.user': 'Who',
    'access.col.role': 'Role',
    'access.col.org': 'Organisation',
    'access.col.action': 'What',
    'access.col.outcome': 'Outcome',
    'access.col.purpose': 'Purpose / reason',
    'access.outcome.ok': 'allowed',
    'access.outcome.denied': 'denied',
    'access.breakglass': 'emergency access',
    'access.empty': 'No entries yet.',
    'access.more': 'Load more',
    'access.back': 'Back to the file',
    'action.read': 'viewed',
    'action.create': 'added',
    'action.update': 'changed',
    'action.delete': 'deleted',
    'action.end_': 'ended',
    'action.break_glass': 'emergency access opened',

    'age.years': '{y} years',
    'age.years.months': '{y} years and {m} months',
    'age.years.month': '{y} years and 1 month',
  },
};

let lang = 'nl';
try {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'nl' || saved === 'en') lang = saved;
} catch { /* storage unavailable: keep Dutch */ }

export function getLang() { return lang; }

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'nl';
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* ignore */ }
  document.documentElement.lang = lang;
}

export function has(key) { return key in messages[lang] || key in messages.nl; }

export function t(key, params) {
  let msg = messages[lang][key] ?? messages.nl[key] ?? key;
  if (params) msg = msg.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  return msg;
}

// A translated label for an enumerated value, falling back to the raw value.
export function label(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : String(value);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// 'YYYY-MM-DD' -> {y, m, d} or null.
export function parseIso(iso) {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return { y: +m[1], m: +m[2], d: +m[3] };
}

const pad = (n) => String(n).padStart(2, '0');

// Dates: dd-mm-jjjj in Dutch, "3 Mar 2024" in English.
export function formatDate(iso) {
  const p = parseIso(iso);
  if (!p) return '';
  if (lang === 'en') return `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}`;
  return `${pad(p.d)}-${pad(p.m)}-${p.y}`;
}

// Instants (UTC ISO) shown in local time.
export function formatDateTime(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const iso = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(iso)} ${time}`;
}

export function formatTime(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Date as it is typed in a form: always dd-mm-jjjj.
export function isoToInput(iso) {
  const p = parseIso(iso);
  return p ? `${pad(p.d)}-${pad(p.m)}-${p.y}` : '';
}

// 'dd-mm-jjjj' (also d-m-jjjj, with - / or .) -> 'YYYY-MM-DD', or null when it is not a real date.
export function inputToIso(text) {
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(text || '');
  if (!m) return null;
  const d = +m[1]; const mo = +m[2]; const y = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// Ages: "16 jaar en 3 maanden".
export function formatAge(age) {
  if (!age || typeof age.years !== 'number') return '';
  const m = age.months || 0;
  if (m === 0) return t('age.years', { y: age.years });
  if (m === 1) return t('age.years.month', { y: age.years });
  return t('age.years.months', { y: age.years, m });
}

export function formatDays(n) {
  if (n === 1) return t('day1');
  return t('days', { n });
}

// The server's error messages are English; in Dutch they are translated here.
const SERVER_NL = [
  [/^the end date lies before the start date$/, 'De einddatum ligt vóór de startdatum.'],
  [/^this overlaps the placement that started on (\d{4}-\d{2}-\d{2})$/, (m) => `Dit overlapt met de plaatsing die begon op ${formatDate(m[1])}.`],
  [/^must be a date/, 'Dit is geen geldige datum.'],
  [/^is required$|^must not be null$|^must not be empty$/, 'Dit veld is verplicht.'],
  [/^must be an id$/, 'Kies een waarde uit de lijst.'],
  [/^is not one of the allowed values$/, 'Kies een waarde uit de lijst.'],
  [/^must be at most (\d+) characters$/, (m) => `Gebruik hoogstens ${m[1]} tekens.`],
  [/^state the reason in at least (\d+) characters$/, (m) => `Geef een reden van minstens ${m[1]} tekens.`],
  [/^a placement outside her region needs its safety reason$/, 'Een plaatsing buiten de eigen regio heeft een veiligheidsreden nodig.'],
  [/^this lies before her birth$/, 'Deze datum ligt vóór haar geboorte.'],
  [/^this lies before the start of the trajectory$/, 'Deze datum ligt vóór de start van het traject.'],
  [/^this runs past the end of the trajectory$/, 'Dit loopt door na het einde van het traject.'],
  [/^this placement has ended already$/, 'Deze plaatsing is al beëindigd.'],
  [/^this membership has ended already$/, 'Dit teamlidmaatschap is al beëindigd.'],
  [/^this person is already on the team in that period$/, 'Deze persoon zit in die periode al in het team.'],
  [/^end this membership and add the new person instead$/, 'Beëindig dit teamlidmaatschap en voeg de nieuwe persoon toe.'],
  [/^this organisation is not a care institution$/, 'Deze organisatie is geen zorginstelling.'],
  [/^this organisation is not a municipality$/, 'Deze organisatie is geen gemeente.'],
  [/^this organisation cannot be chosen here$/, 'Deze organisatie kan hier niet gekozen worden.'],
  [/^the trajectory is closed; reopen it first$/, 'Het traject is gesloten; heropen het eerst.'],
  [/^this client has no trajectory yet; start one first$/, 'Deze cliënte heeft nog geen traject; start er eerst een.'],
  [/^a partner provider (may change|records) only its own placements$/, 'Een partneraanbieder legt alleen de eigen plaatsingen vast.'],
  [/^must be a boolean$|^must be a string$|^must be an integer/, 'Deze waarde heeft niet de juiste vorm.'],
];

export function serverMessage(msg) {
  if (!msg) return t('error.generic');
  if (lang === 'en') return msg.charAt(0).toUpperCase() + msg.slice(1) + (/[.!?]$/.test(msg) ? '' : '.');
  for (const [re, out] of SERVER_NL) {
    const m = re.exec(msg);
    if (m) return typeof out === 'function' ? out(m) : out;
  }
  return `Deze invoer is niet geldig (${msg}).`;
}

export function formatNumber(n) {
  if (typeof n !== 'number') return '';
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
}
