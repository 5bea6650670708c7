"""Military sites added region by region for issue 9 item 4 (second batch): each resolves by
its name and by an alias to its own row and cites where its coordinate was read (a page, the
airportsdata table or a GeoNames record it agrees with); common spellings in a sentence land
within 25 km of the cited coordinate.  Nothing here touches the network."""

from __future__ import annotations

import re

import pytest
from mention_helpers import near as _near

from geo.geocoders.gazetteer import CuratedPlace, Gazetteer, OfflineGeocoder
from geo.model.place import Place

ADDED_SITES = (
    "Krechevitsy air base", "Siversky air base", "Migalovo air base", "Ostrov air base",
    "Lodeynoye Pole air base", "Kipelovo air base", "Armavir air base", "Lebyazhye air base",
    "Savvatiya air base", "Luostari air base", "Rogachevo air base", "Nagurskoye air base",
    "Sredny Ostrov air base", "Kamenny Ruchey air base", "Garovka air base",
    "Zolotaya Dolina air base", "Dzemgi air base", "Sergeyevsky training ground",
    "Knyaze-Volkonsky training ground", "Vostochny Cosmodrome", "Tarsky training ground",
    "Yurginsky training ground", "Aleysky training ground", "Osovtsy air base",
    "Pruzhany air base", "Ross air base", "Erebuni air base", "Gudauta air base",
    "Wenchang Space Launch Site", "Xichang Satellite Launch Center",
    "Taiyuan Satellite Launch Center", "Wuhu Air Base", "Rugao Air Base", "Anshan Air Base",
    "Shanhaiguan Air Base", "Punggye-ri Nuclear Test Site", "Sacheon Air Base",
    "Seoul Air Base", "Iruma Air Base", "Ie Shima Auxiliary Air Base", "Camp Tachikawa",
    "Taoyuan Air Base", "Chihhang Air Base", "Sangley Point Air Base", "Fernando Air Base",
    "Rajah Buayan Air Station", "RAAF Base Scherger", "RAAF Base Curtin",
    "RAAF Base East Sale", "RAAF Base Edinburgh", "RAAF Base Richmond", "Holsworthy Barracks",
    "Woomera Range Complex", "Cultana Training Area", "Barksdale Air Force Base",
    "Whiteman Air Force Base", "Dyess Air Force Base", "Tinker Air Force Base",
    "Seymour Johnson Air Force Base", "Joint Base Langley-Eustis",
    "Davis-Monthan Air Force Base", "Holloman Air Force Base", "Vandenberg Space Force Base",
    "Cape Canaveral Space Force Station", "Naval Air Weapons Station China Lake",
    "Dugway Proving Ground", "Eglin Air Force Base", "Fort Greely", "Pohakuloa Training Area",
    "Yakima Training Center", "Camp Grayling", "Naval Support Facility Diego Garcia",
    "Geilenkirchen Air Base", "Rostock-Laage Air Base", "Nörvenich Air Base",
    "Neuburg Air Base", "Holzdorf Air Base", "Hohn Air Base", "Mont-de-Marsan Air Base",
    "Saint-Dizier Air Base", "Istres Air Base", "Avord Air Base", "Gioia del Colle Air Base",
    "Amendola Air Base", "Ghedi Air Base", "Decimomannu Air Base", "Trapani-Birgi Air Base",
    "Florennes Air Base", "Kecskemét Air Base", "Pápa Air Base", "Čáslav Air Base",
    "Sliač Air Base", "Malacky Air Base", "Konya Air Base", "Araxos Air Base",
    "Andravida Air Base", "Tanagra Air Base", "Monte Real Air Base", "Beja Air Base",
    "Torrejón Air Base", "Zaragoza Air Base", "Los Llanos Air Base", "Vidsel Air Base",
    "Gilze-Rijen Air Base", "Oksbøl training area", "Oberlausitz Training Area",
    "Altmark Combat Training Centre", "Bakony Combat Training Centre", "Älvdalen firing range",
    "Hebrides Range", "Camp de Mourmelon", "Camp de Suippes", "Camp de Mailly",
    "Smârdan training range", "Kirkcudbright Training Area", "Capo Teulada range",
    "Ben Guerir Air Base", "Cap Draa training area", "Kenitra Air Base",
    "Sidi Slimane Air Base", "Camp Lemonnier", "Kaspiysk naval base",
    "Sovetskaya Gavan naval base", "Korsakov naval base", "Severodvinsk naval base",
    "Ochamchire naval base", "Nampo naval base", "Jeju naval base", "Karwar naval base",
    "Visakhapatnam naval base", "Ream Naval Base",
    "People's Liberation Army Support Base in Djibouti", "Cam Ranh naval base",
    "Naro Space Center", "Esrange Space Center", "Gölcük naval base", "Aksaz naval base",
    "Salamis naval base", "Taranto naval base", "La Spezia naval base", "Augusta naval base",
    "Brest naval base", "Cherbourg naval base", "Cartagena naval base", "Ferrol naval base",
    "Świnoujście naval base", "Eckernförde naval base", "Frederikshavn naval base",
    "Korsør naval base", "Constanța naval base", "Mangalia naval base", "Varna naval base",
    "Atiya naval base", "Klaipėda naval base", "Liepāja naval base", "Upinniemi naval base",
    "Berga naval base", "HMAS Cairns", "HMAS Coonawarra", "Naval Base Coronado",
    "Lop Nur test site", "Semipalatinsk Test Site", "Molkino training ground", "Camp Asaka",
    "Camp Narashino", "Camp Ainoura", "Camp Miyakojima", "Camp Amami",
    "Kirishima training area", "Camp Kengun", "Camp Sendai", "Camp Asahikawa", "Camp Obihiro",
    "Camp Itami", "Crow Valley Gunnery Range", "Camp O'Donnell", "Camp Capinpin",
    "Fort Bonifacio", "Camp Servillano Aquino", "Marine Base Gregorio Lim",
    "Lone Pine Barracks", "Blamey Barracks", "Gallipoli Barracks",
    "Lancelin Defence Training Area", "HMAS Albatross", "Camp Mujuk", "Fort McCoy",
    "Nevada Test and Training Range", "Tonopah Test Range", "Sennelager Training Area",
    "Central Training Area Estonia", "Sirgala training area", "Gaižiūnai training area",
    "Saryozek training ground", "British Army Training Unit Kenya", "Alakurtti military base",
    "Pechenga military base",
)  # fmt: skip


_GEONAMES_CITATION = re.compile(
    r"\(GeoNames (?P<name>[^:]+): (?P<lat>-?[\d.]+), (?P<lon>-?[\d.]+)\)")
_AIRPORTSDATA_CITATION = re.compile(
    r'\(airportsdata, ICAO \w+ "[^"]+": (?P<lat>-?[\d.]+), (?P<lon>-?[\d.]+)\)')


def test_every_added_site_is_a_military_row_once(
        curated_rows: dict[str, CuratedPlace]) -> None:
    assert len(set(ADDED_SITES)) == len(ADDED_SITES) >= 80
    for name in ADDED_SITES:
        row = curated_rows[name]
        assert row.kind in ("military area", "training ground"), name
        assert row.geometry is None and len(row.aliases) >= 2, name


@pytest.mark.parametrize("name", ADDED_SITES)
def test_added_site_resolves_by_name_and_alias_to_its_row(
        geocoder: OfflineGeocoder, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    for query in (row.name, row.aliases[0], row.aliases[-1]):
        place = geocoder.geocode(query)
        assert isinstance(place, Place), query
        assert (place.name, place.country_code) == (row.name, row.country_code), query
        assert (place.lat, place.lon) == pytest.approx((row.lat, row.lon), abs=1e-6), query


@pytest.mark.parametrize("name", ADDED_SITES)
def test_added_site_cites_the_coordinate_it_holds(
        gaz: Gazetteer, curated_rows: dict[str, CuratedPlace], name: str) -> None:
    row = curated_rows[name]
    assert row.source.startswith("http"), row.source
    cited = _GEONAMES_CITATION.search(row.source) or _AIRPORTSDATA_CITATION.search(row.source)
    if cited is None:  # a page quoted in degrees, minutes and seconds or decimals
        assert "°" in row.source, row.source
        assert row.geonames_id is None
        return
    assert (float(cited["lat"]), float(cited["lon"])) == (row.lat, row.lon)
    if row.geonames_id is not None:
        assert f"geonames.org/{row.geonames_id} " in row.source
        records = [gaz.record(rid) for rid in gaz.lookup(cited["name"])]
        record = next(r for r in records if r.geonameid == row.geonames_id)
        assert (record.lat, record.lon) == pytest.approx((row.lat, row.lon), abs=1e-4)
        assert record.country_code == row.country_code


@pytest.mark.parametrize(("text", "surface", "lat", "lon"), [
    # Russian names in their -sky / -skiy / -sky-with-e spellings and the Latin variants
    ("Su-34 bombers flew from the Siverskiy air base.", "Siverskiy air base", 59.3567, 30.0367),
    ("Troops drilled at the Sergeevsky training ground in Primorye.",
     "Sergeevsky training ground", 43.35032, 133.35815),
    ("Tanks moved to the Knyaze-Volkonskiy range near Khabarovsk.",
     "Knyaze-Volkonskiy range", 48.46532, 135.45477),
    ("The 58th Army fired at the Tarskiy training ground.", "Tarskiy training ground",
     42.96606, 44.7754),
    ("Tu-142 aircraft took off from Kipelovo on Monday.", "Kipelovo", 59.1883, 39.1233),
    ("MiG-31s landed at Nagurskoye in Franz Josef Land.", "Nagurskoye", 80.80321, 47.66359),
    ("A Soyuz rocket lifted off from the Vostochny cosmodrome.", "Vostochny cosmodrome",
     51.76872, 128.12018),
    ("Launches from the Vostochny spaceport resumed.", "Vostochny spaceport",
     51.76872, 128.12018),
    ("Sappers trained at the Oksbol training area in Jutland.", "Oksbol training area",
     55.6268, 8.28757),
    ("Tanks fired at the Smardan firing range in Galati county.", "Smardan firing range",
     45.48333, 27.93333),
    ("B-52 bombers from Barksdale AFB flew over the Baltic.", "Barksdale AFB",
     32.501933, -93.662628),
    ("Gripens from Kecskemet Air Base joined the drill.", "Kecskemet Air Base",
     46.9175, 19.7492),
    ("Marines exercised at the Cap Draa training area as part of African Lion.",
     "Cap Draa training area", 28.43799, -11.10321),
    ("The Xichang Satellite Launch Centre launched a satellite.",
     "Xichang Satellite Launch Centre", 28.2460167, 102.0265556),
    ("Soldiers fired artillery at the Pohakuloa Training Area.", "Pohakuloa Training Area",
     19.756, -155.547),
    ("Frigates of the Caspian Flotilla left the Kaspiisk naval base.", "Kaspiisk naval base",
     42.88165, 47.63919),
    ("Chinese warships docked at the Ream naval base in Cambodia.", "Ream naval base",
     10.50722, 103.61194),
    ("The submarine returned to the Swinoujscie naval base.", "Swinoujscie naval base",
     53.91053, 14.24712),
    ("Paratroopers jumped over the Narashino training area.", "Narashino training area",
     35.68184, 140.04152),
    ("Wagner fighters trained at the Molkino base in Krasnodar Krai.", "Molkino base",
     44.63394, 39.13582),
    ("German tanks fired at the Gaiziunai training area near Rukla.", "Gaiziunai training area",
     55.08014, 24.27544),
    ("F-35s flew over the Nellis Range during Red Flag exercises.", "Nellis Range",
     37.5, -116.616667),
])
def test_a_spelling_of_an_added_site_in_a_sentence_lands_at_its_coordinate(
        read, text: str, surface: str, lat: float, lon: float) -> None:
    found = read(text)
    assert found[surface].place is not None, found[surface].note
    assert found[surface].place.kind in ("military area", "training ground")
    assert _near(found[surface], lat, lon)


@pytest.mark.parametrize("text", [
    "North Korea conducted its sixth nuclear test at Punggye-ri in 2017.",
    "Satellite images show new tunnels at the Punggye-ri nuclear test site.",
])
def test_a_korean_ri_name_known_whole_in_the_north_is_the_site(read, text: str) -> None:
    # "-ri" also ends a South Korean village named after its city; a name the gazetteer
    # knows whole counts in either Korea.
    site = read(text)["Punggye-ri"]
    assert site.place is not None and site.place.country_code == "KP"
    assert _near(site, 41.2780677, 129.087408, 5)


def test_a_south_korean_ri_village_without_its_city_stays_unresolved(read) -> None:
    found = read("Residents of Sinchon-ri fled the shelling.")
    assert found["Sinchon-ri"].place is None


def test_a_cosmodrome_head_in_lower_case_names_a_site_even_when_unknown(read) -> None:
    found = read("Engineers inspected the Svobodny cosmodrome and the Vostochny cosmodrome.")
    assert "Svobodny cosmodrome" in found  # listed for the analyst, found or not
    assert _near(found["Vostochny cosmodrome"], 51.76872, 128.12018)


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Jets trained over the Nevada Test and Training Range on Monday.",
     "Nevada Test and Training Range", "US"),
    ("Troops from Bosnia and Herzegovina joined the drill.", "Bosnia and Herzegovina", "BA"),
    ("A coast guard cutter from Trinidad and Tobago took part.", "Trinidad and Tobago", "TT"),
])
def test_a_name_with_and_inside_that_the_gazetteer_knows_whole_is_one_place(
        read, text: str, surface: str, code: str) -> None:
    place = read(text)[surface].place
    assert place is not None and place.country_code == code


def test_two_places_joined_by_and_stay_two(read) -> None:
    found = read("Troops from Russia and Belarus held drills near Brest.")
    assert found["Russia"].place.country_code == "RU"
    assert found["Belarus"].place.country_code == "BY"
    assert "Russia and Belarus" not in found
