"""Six short Danish GP consultations for the ambient-scribe demo, written for Vejviser.

Each item is (id, reference note as a careful human would write it, what a speech-to-text
scribe produced). The scribe's errors are the usual ones: split compounds, misheard drug
names, dropped or invented phrases, digits for words. No real patient is described.
"""

from __future__ import annotations

DOCUMENTS: list[tuple[str, str, str]] = [
    (
        "konsultation-01",
        "Patienten kommer til årskontrol for type 2-diabetes. Hun har det generelt godt, men "
        "oplever mere tørst om aftenen. Langtidsblodsukkeret er steget fra 52 til 61. "
        "Blodtrykket måles til 142/88. Hun tager metformin 500 mg to gange dagligt og vil "
        "gerne undgå flere tabletter. Vi aftaler at øge metformin til 1000 mg morgen og aften, "
        "og at hun går en tur på 30 minutter hver dag. Ny kontrol om tre måneder med "
        "blodprøver inden.",
        "patienten kommer til års kontrol for type to diabetes hun har det generelt godt men "
        "oplever mere tørst om aftenen langtidsblodsukkeret er steget fra 52 til 61 "
        "blodtrykket måles til 142 88 hun tager met formin 500 milligram 2 gange dagligt og "
        "vil gerne undgå flere tabletter vi aftaler at øge metformin til 1000 milligram "
        "morgen og aften og at hun går en tur på 30 minutter hver dag ny kontrol om 3 måneder "
        "med blodprøver",
    ),
    (
        "konsultation-02",
        "Mand på 67 år med hoste gennem tre uger og let feber om aftenen. Han er tidligere "
        "ryger med 40 pakkeår. Der er ingen vægttab og ingen blod i opspyttet. Ved "
        "stetoskopi høres knitren basalt på højre side. CRP er 48. Han henvises til "
        "røntgen af thorax i dag, og vi starter penicillin 1,2 mio. enheder tre gange "
        "dagligt i syv dage. Han skal ringe, hvis han får det værre.",
        "mand på 67 år med hoste gennem 3 uger og let feber om aftenen han er tidligere "
        "ryger med fyrre pakke år der er ingen vægttab og ingen blod i opspyt ved stetoskopi "
        "høres knitren basalt på højre side crp er 48 han henvises til røntgen af thorax i "
        "dag og vi starter penicillin 1,2 millioner enheder 3 gange dagligt i 7 dage han skal "
        "ringe hvis han får det værre",
    ),
    (
        "konsultation-03",
        "Kvinde på 34 år med migræne, som er blevet hyppigere det seneste halve år, nu cirka "
        "seks anfald om måneden. Anfaldene varer op til et døgn med kvalme og lysfølsomhed. "
        "Ibuprofen hjælper kun delvist. Neurologisk undersøgelse er normal. Vi starter "
        "sumatriptan 50 mg ved anfald og drøfter forebyggende behandling med propranolol. "
        "Hun fører hovedpinedagbog til næste konsultation om seks uger.",
        "kvinde på 34 år med migræne som er blevet hyppigere det seneste halve år nu cirka 6 "
        "anfald om måneden anfaldene varer op til et døgn med kvalme og lys følsomhed "
        "ibuprofen hjælper kun delvis neurologisk undersøgelse er normal vi starter suma "
        "triptan 50 milligram ved anfald og drøfter forebyggende behandling med propanolol "
        "hun fører hovedpine dagbog til næste konsultation om 6 uger",
    ),
    (
        "konsultation-04",
        "Opfølgning efter knæoperation for fire uger siden. Såret er pænt helet, og "
        "stingene er fjernet. Han kan bøje knæet til 100 grader og går uden krykker. Der er "
        "let hævelse om aftenen, men ingen rødme eller varme. Han fortsætter genoptræning "
        "hos fysioterapeut to gange om ugen og må gradvist øge belastningen. Sygemelding "
        "forlænges med 14 dage.",
        "opfølgning efter knæ operation for fire uger siden såret er pænt helet og stingene "
        "er fjernet han kan bøje knæet til 100 grader og går uden krykker der er let hævelse "
        "om aftenen men ingen rødme eller varme han fortsætter genoptræning hos fysioterapeut "
        "2 gange om ugen og må gradvist øge belastningen og der er ingen smerter om natten "
        "sygemelding forlænges med 14 dage",
    ),
    (
        "konsultation-05",
        "Mor kommer med sin datter på fire år, som har haft ondt i højre øre siden i går og "
        "feber op til 38,9°. Trommehinden er rød og buler udad på højre side, venstre er "
        "normal. Vi vurderer akut mellemørebetændelse. Der gives smertestillende efter vægt, "
        "paracetamol 250 mg op til fire gange i døgnet, og vi venter med antibiotika i to "
        "døgn. Mor kontakter os, hvis feberen ikke falder.",
        "mor kommer med sin datter på 4 år som har haft ondt i højre øre siden i går og feber "
        "op til 38,9 grader trommehinden er rød og buler ud ad på højre side venstre er "
        "normal vi vurderer akut mellemøre betændelse der gives smertestillende efter vægt "
        "paracetamol 250 milligram op til 4 gange i døgnet og vi venter med antibiotika i 2 "
        "døgn",
    ),
    (
        "konsultation-06",
        "Kvinde på 58 år til samtale om søvnbesvær og nedtrykthed efter sin mands død i "
        "foråret. Hun sover fire til fem timer om natten og har svært ved at overskue "
        "hverdagen. Hun har ingen selvmordstanker. Vi aftaler samtaleforløb hos psykolog med "
        "henvisning i dag og en ny tid hos mig om to uger. Sovemedicin undlades indtil "
        "videre.",
        "kvinde på 58 år til samtale om søvn besvær og nedtrykthed efter sin mands død i "
        "foråret hun sover 4 til 5 timer om natten og har svært ved at overskue hverdagen "
        "hun har ingen selvmordstanker vi aftaler samtale forløb hos psykolog med henvisning "
        "i dag og en ny tid hos mig om 2 uger sove medicin undlades indtil videre",
    ),
]
