"""Privacy: customer personal data in public replies, requests for it, requests for secrets
in any channel, and invisible or bidirectional control characters anywhere.

In a public channel (every channel whose voice entry does not say ``public: false``) an email
address, a phone number, a card number (Luhn-valid) or its last digits ("Visa ending
8812"), transaction details (an amount with where or when it was spent), a street address or
postcode in the voice locale's formats (UK, US, EU), or an account or order number (by the
voice's patterns) is an error whose fix is to move the conversation to a private message.
Brand contact details on the voice's allowlist are fine, and so are toll-free numbers (800,
0800 ...), which belong to businesses, not customers; any other number is reported, whatever
words stand before it ("call us on" does not make a mobile number the brand's).

Asking the customer to post sensitive data publicly, in any wording ("reply with your card's
final four numbers and your birthday"), is ``data_request``. Asking for a password, a PIN, a
one-time code or a card's security code is ``credential_request``, an error in every channel:
no genuine agent asks for them, and phishing does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from brandvoice.checks.base import Check, Rule, rules_field
from brandvoice.checks.language import pack_of, privacy_findings
from brandvoice.config.schema import Field, ListOf, MapOf, Record, Regex, Str
from brandvoice.patterns import PatternTimeout, UserPattern
from brandvoice.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from spacy.language import Language

    from brandvoice.analysis.reply import Reply
    from brandvoice.findings import Finding
    from brandvoice.voice import Voice

RULES = {
    "email": Rule("error", "An email address not on the allowlist, in a public reply."),
    "phone": Rule("error", "A phone number not on the allowlist, in a public reply."),
    "card_number": Rule("error", "A payment card number (Luhn-valid), in a public reply; a full "
                        "one in any channel."),
    "address": Rule("error", "A street address, in a public reply."),
    "account_number": Rule("error", "An account or order number (voice patterns) or a booking "
                           "reference, in public."),
    "invisible_characters": Rule("error", "Invisible or bidirectional control characters."),
    "card_digits": Rule("error", "The last digits of a card ('Visa ending 8812'), in public."),
    "transaction": Rule("error", "Transaction details (amount with where or when), in public."),
    "data_request": Rule("error", "A request for sensitive personal data in a public reply "
                         "(and, through language packs, for a password anywhere)."),
    "credential_request": Rule("error", "A request for a password, PIN, one-time code or "
                               "card security code, in any channel."),
    "national_id": Rule("error", "A national id (US social security, UK National Insurance, "
                        "Korean resident registration number, Spanish DNI/NIE) in a public "
                        "reply; a full Korean resident number in any channel."),
    "date_of_birth": Rule("error", "A customer's date of birth ('born on 12/04/1985'), in a "
                          "public reply."),
    "bank_account": Rule("error", "A bank account number, sort code or IBAN, in a public "
                         "reply."),
}

SCHEMA = Record({
    "allowed_emails": Field(ListOf(Str(min_length=3)), "Brand email addresses that may appear "
                            "in public replies.", example=["help@crumbly.example"]),
    "allowed_domains": Field(ListOf(Str(min_length=3)), "Email domains that may appear in "
                             "public replies.", example=["crumbly.example"]),
    "allowed_phones": Field(ListOf(Str(min_length=3)), "Brand phone numbers that may appear "
                            "in public replies (any formatting).", example=["0800 123 4567"]),
    "account_patterns": Field(MapOf(Regex(), key_doc="name"), "Regular expressions for "
                              "account, order or case numbers, by name.",
                              example={"order number": r"\bCR-\d{6}\b"}),
    "rules": rules_field(RULES),
}, doc="What may appear in public replies.")

EMAIL = regex.compile(r"(?i)(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}(?![\w-])")
PHONE = regex.compile(r"(?<![\w/+.(-])\(?(?:\+|00)?\d[\d\s().-]{6,18}\d(?![\w/-])")
CARD = regex.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
DIGITS = regex.compile(r"\d\D?\d\D?\d")  # phone, card and address rules need digits
DATE_LIKE = regex.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
# Numbers that belong to organisations: toll-free (US 8xx, UK 0800/0808, AU 1800/1300) and
# UK non-geographic 03/084/087 numbers.
BUSINESS_NUMBER = regex.compile(
    r"^(?:1)?(?:800|888|877|866|855|844|833)\d{7}$|^0800\d{6,7}$|^0808\d{6,7}$|^1800\d{6}$|"
    r"^1300\d{6}$|^44800\d{6,7}$|^03\d{9}$|^08[47]\d{8}$"
)
# A booking reference (with the surname, it opens the booking): "booking ref XK4P2L",
# "(ref K7PX2Q)", "PNR: ABC123", in a sentence about a booking.
BOOKING_REF = regex.compile(
    r"\b(?i:ref(?:erence)?(?:\s+(?:number|no\.?|code))?|pnr|booking (?:code|number)|"
    r"confirmation (?:code|number))\.?\s*(?:is\s+|[:#]\s*)?"
    r"(?P<code>(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,8})\b")
BOOKED = regex.compile(r"(?i)\b(?:book(?:ing|ed)|reservations?|flights?|tickets?|trips?|stay|"
                       r"hotel|check-in|seats?|cruise|holiday)\b")
# English bank details and national ids (the language packs have their own): "account number
# 12345678", "sort code 20-45-77", an IBAN (checked), a US SSN, a UK National Insurance number.
BANK_ACCOUNT = regex.compile(
    r"(?i:\b(?:account|acct)(?:\s+(?:number|no\.?|#))?(?:\s+(?:is|as|of))?\s*:?\s*)"
    r"(?P<n>\d{6,10})\b"
    r"|(?i:\bsort ?code(?:\s+(?:is|as|of))?\s*:?\s*)(?P<n>\d{2}[- ]\d{2}[- ]\d{2})\b"
    r"|\b(?P<iban>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?)\b")
NATIONAL_ID = regex.compile(
    r"\b(?!000|666|9\d\d)\d{3}-\d{2}-\d{4}\b"
    r"|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
BANK_WORDS = frozenset(("account", "acct", "sort", "sortcode", "iban"))
IBAN_START = regex.compile(r"\b[A-Z]{2}\d{2}")
ID_WORDS = frozenset(("ssn", "social", "insurance", "ni", "nino"))
NI_START = regex.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2}")
BIRTH_WORDS = frozenset(("born", "birth", "birthday", "birthdate", "dob", "d.o.b", "d.o.b."))
# The sentence gives the number as the brand's ("contact our Lagos office on", "call us on").
BRAND_PHONE = regex.compile(
    r"(?i)\b(?:call|ring|phone|contact|reach|text|whatsapp|message)(?: us| our\b)|"
    r"\bour (?:[\w-]+ ){0,3}?(?:number|line|helpline|hotline|team|office|department|centre|"
    r"center|desk|store|branch|shop)\b|\b(?:helpline|hotline)\b")
# Mobile numbers (UK 07..., +44 7...): a customer's, whoever the sentence says it belongs to.
MOBILE = regex.compile(r"^(?:07\d{9}|447\d{9})$")
# A date of birth given out: "born on 12/04/1985", "your date of birth (3 May 1990)".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
BIRTH_DATE = regex.compile(
    rf"(?i:\b(?:born(?: on)?|date of birth|birth ?date|(?-i:DOB)|d\.o\.b\.?|birthday))"
    rf"(?:\s+(?:is|was|of|as|on|=))?\s*[:(]?\s*(?:the\s+)?(?P<date>\d{{1,2}}[/.-]\d{{1,2}}[/.-]"
    rf"\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s+\d{{4}}|{_MONTH}\s+"
    rf"\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})")
CARD_REF = regex.compile(r"(?i)\b(?:the|its|those|that) (?:full |long |whole )?(?:number|digits)"
                         r"\b(?! (?:of|for|we|you|on (?:the|your) (?:order|receipt|parcel|email|"
                         r"invoice|booking)))")
# A card word right before a number, nothing but spaces, brackets and a colon between.
CARD_NAMED = regex.compile(r"(?i)(?:\bcard(?:\s?(?:number|no\.?))?|\btarjeta|카드\s?(?:번호)?)"
                           r"(?:\s?(?:는|은|가|:|is|was))?[\s:(（]*$")
# A card that is not a payment card: its number names a voucher, a SIM or a membership ("your
# gift card 6035 ...", "SIM card number is 8944 ...", "기프트카드", "멤버십 카드").
NON_PAYMENT_CARD = regex.compile(
    r"(?i)(?:\b(?:gift|loyalty|sim|membership|member|id|identity|library|store|rewards?|club|"
    r"access|key|oyster|travel|railcard|rail|bus|student|points?|prepaid gift|e-?gift|"
    r"nectar|clubcard|sd|memory|sim-)[\s-]?(?:card|카드)"
    r"|(?:기프트|멤버십|멤버쉽|회원|포인트|적립|교통|유심|USIM|심|도서관|상품권|선물|학생)\s?카드"
    r"|\btarjeta\s+(?:de\s+)?(?:regalo|fidelizaci[oó]n|fidelidad|socio|puntos|miembro|"
    r"membres[ií]a|transporte|biblioteca|estudiante|sim|cliente)\b)"
    r"(?:\s?(?:number|no\.?|번호|n[uú]mero))?(?:\s?(?:는|은|가|:|is|was|es))?[\s:(（]*$")
CARD_WORD = regex.compile(r"(?i)\b(?:card|visa|master ?card|amex|debit|credit|cvv|expiry|"
                          r"tarjeta|débito|crédito)\b|카드")
STREET_TYPES = (r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|"
                r"Way|Place|Pl|Terrace|Close|Crescent|Parkway|Pkwy|Highway|Hwy|Square|Sq|"
                r"Gardens|Grove|Mews|Row|Walk|Hill|Rise|Parade|Circle|Cir|Trail|Green)")
ADDRESS = regex.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+(?:['’]s)?\s+){{1,3}}"
                        rf"{STREET_TYPES}\b\.?"
                        # one-word street names ("41 Kingsway, Hove", "3 Moorgate, London"),
                        # with the town after them
                        r"|\b\d{1,5}[A-Za-z]?,?\s+[A-Z][a-z]+(?:way|gate)\b(?=,\s*[A-Z][a-z]+)")
# The customer's home named by its street, without a number ("your flat on Mill Lane").
HOME_STREET = regex.compile(
    rf"\b(?:[Yy]our|[Tt]heir)\s+(?:home|house|flat|apartment|place|property|address|door|"
    rf"doorstep|building)\s+(?:on|in|at)\s+(?:[A-Z][a-z]+(?:['’]s)?\s+){{1,3}}{STREET_TYPES}\b")
# "Our Oxford Street store is at ...", "write to us at ...": the brand's own public address.
BRAND_PLACE = regex.compile(
    r"(?i)\b(?:our|the company's|visit us at|write to us at|find us at|pop in(?:to)? (?:our|the))"
    r"\b(?:\s+[\w'-]+){0,3}?\s+(?:stores?|shops?|branch(?:es)?|offices?|head ?office|headquarters|"
    r"hq|showrooms?|warehouses?|depots?|restaurants?|caf[eé]s?|hotels?|sites?|venues?|outlets?|"
    r"centres?|centers?|flagship|studio|factory|premises)\b"
    r"|\bour (?:postal |office |returns |registered |head office )?address\b"
    r"|\b(?:visit|write to|find) us\b")
# EU formats: the street name, then the number ("Hauptstraße 12", "Calle Mayor 5", "Via Roma
# 12"), or the number, then a French street word ("12 rue de Rivoli").
EU_ADDRESS = regex.compile(
    r"\b\p{Lu}[\p{Ll}]+(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|laan|straat|"
    r"gracht|plein|vej|gatan|gata|katu)\s+\d{1,4}[a-z]?\b"
    r"|\b(?:Rue|Calle|Avenida|Via|Viale|Piazza|Plaza|Rua|Paseo|Carrer|Chemin|Quai|Corso)\s+"
    r"(?:(?:de|del|la|le|des|du|da|do|dos|di|della|dei)\s+)*\p{Lu}[\w'-]+(?:\s+\p{Lu}[\w'-]+)?"
    r",?\s+\d{1,4}\b"
    r"|\b\d{1,4},?\s+(?i:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai)\s+"
    r"(?:(?i:de|du|des|la|le|l['’])\s*)*\p{L}[\w'-]+"
)
UK_POSTCODE = regex.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
US_ZIP = regex.compile(
    r"\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
    r"NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY),?\s+\d{5}(?:-\d{4})?\b")
EU_POSTCODE = regex.compile(r"\b\d{5}\s+\p{Lu}\p{Ll}{2,}\b|\b\d{4}\s?[A-Z]{2}\s+\p{Lu}\p{Ll}{2,}\b")
CARD_DIGITS = regex.compile(
    r"(?i)\b(?:card|visa|master\s?card|amex|debit|credit|account|acct)\s+(?:number\s+)?"
    r"(?:ending|ends|that ends|which ends)(?:\s+(?:in|with|on))?\s*:?\s*\d{2,4}\b"
    r"|(?:[*xX•]{4}[\s-]?){1,3}\d{4}\b"
    r"|(?<![\w*•])[*•]{2,3}\d{4}\b"
    r"|\b(?:last|final)\s+(?:four|4)\s+(?:digits|numbers)\s+(?:\w+\s+){0,4}?(?:are|is|:)\s*\d{4}\b")
AMOUNT = regex.compile(r"(?:[£$€]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{2})?\s?(?:GBP|USD|EUR|"
                       r"pounds|dollars|euros)\b)")
SPENT = regex.compile(r"(?i)\b(?:charge[sd]?|payments?|paid|transactions?|debit(?:ed|s)?|"
                      r"withdrawals?|withdrawn|transfer(?:s|red)?|spent|purchase[ds]?|took|taken|"
                      r"refund(?:s|ed)?|direct debit|standing order|went (?:out|back|in)|statement|paid in|"
                      r"deposit(?:s|ed)?|received|salary|wages)\b")
# "Your balance is £1,234.56": the customer's balance, not a product's minimum balance.
BALANCE = regex.compile(r"(?i)\byour (?:\w+ ){0,2}balance\b|\bbalance (?:on|of) your\b")
# Where the money went (a merchant or payee, a town): "at Tesco", "to J Smith", "by Adobe",
# "your Spotify payment", "in Leeds".
SPENT_WHERE = regex.compile(r"\b(?:at|to|from|with|by)\s+\p{Lu}[\w&'-]*|\bin \p{Lu}\p{Ll}+|"
                            r"\b\p{Lu}[\w&'-]*\s+(?i:payment|charge|transaction|purchase|"
                            r"direct debit|subscription)s?\b")
# When it was spent; with the customer's card or account named, that is a transaction too
# ("your last card payment was £9.99"), but not the brand's own refund of its own charge
# ("we've refunded the £5 delivery charge today").
SPENT_WHEN = regex.compile(r"(?i:\byesterday\b|\btoday\b|"
                           r"\blast (?:night|week|month)\b|\bthis (?:morning|afternoon|evening|"
                           r"week)\b|\bon (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                           r"\bon (?:the )?\d{1,2}(?:st|nd|rd|th)?\b|\bending\b)|"
                           r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? "
                           r"\d{1,2}\b|(?i:\b(?:your|the) (?:last|latest|recent|most recent|"
                           r"pending) (?:\w+ )?(?:transaction|payment|purchase|charge|withdrawal|"
                           r"transfer|debit)s?\b)")
BANK_CONTEXT = regex.compile(r"(?i)\b(?:card|account|statement|visa|master ?card|amex|debit|"
                             r"withdrawals?|withdrawn|transfer(?:s|red)?|direct debit|"
                             r"standing order|salary|wages|deposit(?:s|ed)?|balance|bank)\b")
# Possessive runs: the same sentences, two and a half times faster than a character at a time.
SENTENCE = regex.compile(r"(?:[^.!?\n]++|\.(?=\d))+[.!?]*")
END_DOT = regex.compile(r"\.(?!\d)")

# Requests for data: what is asked for, by kind. Secrets (every channel) first. Each kind is
# a family of nouns and the ways replies name them ("the long number on your card", "the 3
# digits on the back", "the code we just texted you"), not one wording.
_NUM = r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|sixteen)"
_APOS = r"['’]"
SECRETS = (
    ("a password or login details", (r"pass(?:word|code|phrase)s?|log-?in(?:\s+(?:details|"
     r"credentials|info|information))?|sign[- ]?in (?:details|credentials|info)|credentials|"
     r"online banking details|user ?name and pass\w+|"
     # a bank's memorable word is a password: asking for it whole is phishing ("the 2nd and
     # 5th characters of your memorable word" is how banks check, and is left to data_request)
     r"memorable (?:word|phrase|password)(?<!(?:characters?|letters?|digits?|parts?)\s+"
     r"(?:\w+\s+){0,2}(?:of|from|in)\s+(?:your\s+|the\s+)?memorable\s+\w+)")),
    ("a PIN", rf"(?-i:PIN)s?|pin (?:number|code)s?|pin(?<=\byour\spin|\bcard{_APOS}?s?\spin)\b"),
    ("a one-time code", (r"one[- ]time (?:pass(?:word|code)?|code|pin)s?|(?-i:OTP)s?|"
                        rf"(?:verification|authentication|authori[sz]ation|activation|"
                        rf"confirmation|auth|access|sms|text|login|2fa|two[- ]factor|security|"
                        rf"{_NUM}[- ]digit) codes?(?=\s+(?:\w+\s+){{0,2}}?(?:we|you|that|from|"
                        r"sent|texted|emailed|received|on your|in your|in the text)\b)|"
                        rf"{_NUM}[- ]digit (?:numbers?|pins?)(?=\s+(?:\w+\s+){{0,2}}?(?:we|you|that|"
                        r"from|sent|texted|emailed|received)\b)|"
                        r"(?:verification|authentication|2fa|two[- ]factor|sms|passcode) codes?|"
                        r"(?:the |that |this )?codes? (?:that )?(?:we|you|i)(?:['’](?:ve|ll|d))?(?:\s+\w+){0,2}? "
                        r"(?:sent|texted|emailed|received|got)|"
                        r"codes? (?:from|in) (?:the|our|your|that) (?:text|sms|message|email|app)")),
    ("the card's security code", (r"(?-i:CVV2?|CVC2?|CSC|CV2)|cvv|card security code|"
                                 rf"(?:{_NUM}|last {_NUM})[- ]digits? (?:security )?(?:code|"
                                 r"number)s?(?= on the back| on your card| from the back)|"
                                 r"(?:three|3)[- ]digit (?:security )?(?:code|number)|"
                                 rf"(?:(?:{_NUM} )?(?:code|number|digits|numbers)) on the "
                                 r"(?:back|reverse)(?: of (?:the|your) card)?|"
                                 r"security (?:code|number)s?|"
                                 # the back of a card shows its security code
                                 r"(?:photo|pic|picture|image|scan|copy|screenshot|snap)s? of "
                                 r"(?:the )?(?:front and (?:the )?)?back(?: and (?:the )?front)?"
                                 r" of (?:your |the )?card|(?:code|number|digits|numbers) "
                                 r"(?:on|by|next to) the signature (?:strip|panel)")),
)
PERSONAL = (
    ("card details", (rf"(?:full |long |whole |complete |{_NUM}+[- ]digit )?(?:credit |debit |"
                     rf"bank )?card(?:{_APOS}s)? (?:number|details|info|information)s?|"
                     r"long (?:card )?number(?: on (?:the|your) card)?|"
                     rf"(?:numbers?|digits) (?:on|across) (?:the front of )?(?:your|the) card|"
                     rf"(?:16|sixteen) digits|(?:16|sixteen)[- ]digit (?:card )?number|(?:last|final) (?:four|4)(?= of\b)|"
                     rf"(?:last|final|first) {_NUM} (?:digits|numbers|numerals|figures)|"
                     r"expiry(?: date)?|expiration(?: date)?|exp\.? date|card expires?|"
                     r"valid (?:from|to|thru|through|until)(?: date)?|name on (?:the|your) card|"
                     r"(?:visa|master ?card|amex|debit card|credit card|card)(?:['’]s)? "
                     r"(?:no\.?|num)|(?:visa|master ?card|amex) (?:number|details)|"
                     rf"(?:photo|pic|picture|image|scan|copy|screenshot|snap)s? of (?:the (?:front|"
                     r"back) of )?(?:your |the )?(?:card|cards)|(?:screenshot|photograph|snap) (?:your |the )?"
                     r"card")),
    ("a security answer", (r"security (?:question|answer|details|word|phrase)s?|memorable (?:word|"
                          r"information|info|answer|date|place|name)|maiden name|(?:first|childhood)"
                          r" (?:pet|school|car)|pet(?:'s|’s)? name|"
                          r"name of your (?:first )?(?:pet|school|teacher|street)|"
                          r"place of birth|(?:town|city) (?:you were|where you were) born|"
                          r"favourite (?:teacher|film|movie|colour|color|food|book)")),
    ("a date of birth", r"date of birth|birth ?date|birthday|(?-i:DOB)|d\.o\.b\.?"),
    ("bank account details", (r"(?:bank |current |savings )?account (?:number|details|no\.?)s?|"
                             r"acct\.? (?:no|number)|sort ?code|(?-i:IBAN)|iban number|"
                             r"routing number|(?:bank|banking) details")),
    ("an address", (r"(?:full |home |postal |street |billing |delivery |house |registered )"
                   r"address(?:es)?|first line of (?:your |the )?address|address (?:on|for|linked to|registered (?:to|on)|attached to) (?:the|your|this) (?:order|account|booking|card|parcel|delivery)|"
                   r"address(?<=\byour\b(?:\s+[\w-]+,?){0,3}\s+address)(?<!e-?mail\saddress|IP\saddress|"
                   r"web\saddress)(?!ed|ing)"
                   r"|post ?code|zip ?code|where you live")),
    ("a photo of an identity document", (r"(?:photo|pic|picture|scan|copy|image|selfie|"
                                         r"screenshot)s? (?:of|with) "
                                         r"(?:your |the |a )?(?:passport|driving licen[cs]e|"
                                         r"id|identity card|id card|bank statement|statement)"
                                         r"|photo id|photo identification|(?:selfie|photo|"
                                         r"picture)s? (?:holding|showing) (?:your |the |a )?"
                                         r"(?:id|passport|licen[cs]e|card)"
                                         r"|(?-i:ID)(?<=\b[Yy]our (?:[Pp]hoto )?ID)"
                                         r"|(?:send|share|post|upload|attach|tweet|pop|drop) "
                                         r"(?:us |me )?(?:your |a |the )?(?:copy of (?:your )?)?"
                                         r"(?:passport|driving licen[cs]e|birth certificate|"
                                         r"utility bill|bank statement|payslip)")),
    ("an identity number", (r"social security number|(?-i:SSN)|national insurance number|"
                           r"(?-i:NHS) number|passport number|driving licen[cs]e number|"
                           r"(?-i:NI) number")),
    ("contact details", (r"(?:phone|mobile|cell|telephone|contact|home) number|"
                        r"e-?mail address(?:es)?|contact details|personal details|"
                        # "the email on the account", "your order number and email"
                        r"e-?mail (?:address )?(?:you|that you) (?:\w+ ){0,2}?(?:signed up|"
                        r"registered|used|use|log in|logged in|ordered|booked)|"
                        r"e-?mail (?:address )?(?:on|for|linked to|associated with|registered "
                        r"(?:to|on|with)|attached to|tied to) (?:the|your|this|it)\b(?: account)?|"
                        r"e-?mail(?<=(?:\byour|\band|\bor|,)\s+e-?mail)(?<!\b(?:to|in|into|from|"
                        r"on|via|at|check|by)\s+your\s+e-?mail)(?!\s+(?:us|inbox|spam|junk|folder|"
                        r"settings|app|provider|we|you|from|to|with|shortly|again|address))|"
                        r"mobile(?<=\byour\s+mobile)(?!\s+(?:app|banking|device|phone|data|"
                        r"network|signal|provider|site|website|number))")),
    ("a username", r"user ?names?|user id|customer (?:id|number)|membership number"),
)
ASK = (r"(?:send|share|post|provide|give|tell|confirm|verify|reply|respond|tweet|include|list|"
       r"write|read out|read (?:me|us)|drop|pop|slide|stick|chuck|bung|put|leave|add|type|"
       r"comment|attach|upload|paste|screenshot|photograph|snap|shoot|fire|ping|hit us with|"
       r"send over|pass on|forward|(?:text|read|send|type) (?:it |that |them )?back|"
       r"dm|message|(?:email|text) (?:us|me|it|them|the|your)|need|require|let (?:us|me) know|"
       r"what(?:'s|’s| is| are| was)?|which|when (?:does|do|did|will)|whats|"
       r"ask(?:ing)? for|(?:can|could|may) (?:we|i) (?:have|get|take|grab|see|borrow|check|"
       r"confirm)|with your)")
ASK_BEFORE = regex.compile(rf"(?i)\b{ASK}\b")
# "We've sent you a six-digit code. Can you type it in here?": a code we sent, then asked for
# back by a pronoun, in a later sentence or later in the same one.
CODE_SENT = regex.compile(
    r"(?i)\b(?:sent|texted|emailed|messaged)\s+(?:you\s+|(?:to\s+)?your\s+\w+\s+)?"
    r"(?:a|an|the|your)\s+(?:(?:new|fresh|\w+[- ]digit|one[- ]time|security|verification|"
    r"confirmation|authentication|login|sign[- ]in|text|sms)\s+)*"
    r"(?:code|passcode|pin|password|otp)s?\b(?!\s*(?:reset|link|change|email))")
CODE_BACK = regex.compile(
    # Verbs that send it somewhere: "send it", "give us that".
    r"(?i)\b(?:send|give|tell|share|text|post|forward|provide|quote)\s+(?:us\s+|me\s+)?"
    r"(?:it|that|this)\b"
    # "type it into the app" is where the customer enters it, not a request to send it
    r"(?!\s+(?:in|into|on|at)\s+(?:the|our|your)\s+(?:app|website|site|screen|page|box|field|"
    r"form|login|keypad))"
    # Verbs of entering it ("type it in when the app asks", "pop it in") ask for it back only
    # with a destination that is us: "read it back to me", "type it in here".
    r"|\b(?:type|read|pop|put|write|paste|confirm|repeat|enter)\s+(?:(?:us|me)\s+(?:it|that|this)\b|"
    r"(?:it|that|this)\b(?=[^.!?\n]{0,40}?\b(?:to (?:us|me)|here|back|out|aloud|below|"
    r"in (?:a|your|the|this) (?:reply|response|comments?|chat|thread|message|dm))\b))"
    r"|\b(?:reply|respond|write back|get back to (?:us|me)|email (?:us|me)|message (?:us|me)|"
    r"text (?:us|me))\b[^.!?\n]{0,40}?\bwith (?:it|that|this|the code)\b")
# "what"/"which" ask only in a question: "that's what your PIN is for" does not.
QUESTION_ONLY = frozenset(("what", "which", "whats"))
# (Used with .match at an offset: match anchors there.)
# An elliptic request names the data, then says it is wanted: "The last four digits will do",
# "your card's expiry date and the name on it, please", "your address below".
ASK_AFTER = regex.compile(r"(?i)(?P<gap>[^.!?]{0,40}?)(?:,?\s*please\s*(?:[.?!,]|$)|\bbelow\b|"
                          r"\bin (?:the|a) (?:comments?|reply|thread)\b|\bwill do\b|"
                          r"\bwould (?:help|be (?:great|ideal|perfect|handy))\b|"
                          r"\b(?:is|are) (?:all )?(?:we|i) need\b|\b(?:is|are) (?:needed|required)\b)")
STATEMENT = regex.compile(r"(?i)\b(?:is|are|was|were|has|have|had|been|we've|we have|will|"
                          r"we'll|updated|changed|sent)\b")
# "Tell us once you have reset your password" is advice about the secret, not a request for it.
ADVICE = regex.compile(r"(?i)\b(?:reset|change|changed|update|enter|create|set up|choose|forgot|"
                       r"forgotten|remember|keep|protect|unlock|recover|locked|new|strong|safe)\b")
# "Forgot what password you used?": advice just before the question word.
ADVICE_BEFORE = regex.compile(r"(?i)\b(?:forgot|forgotten|remember|reset|change|recover|"
                              r"locked out)\b[^.!?]{0,20}$")
# "Type your PIN into the app": where the customer enters it, not a request to send it.
ENTER_WHERE = regex.compile(r"(?i)\s*(?:into|in|on|at) (?:the |our |your )?(?:app|website|site|"
                            r"login|log-in|field|box|form|keypad|screen|till|cashpoint|atm|"
                            r"checkout|machine|card reader|terminal)\b")
_KIND_LIST = [(label, secret) for (label, _p), secret in [*((k, True) for k in SECRETS),
                                                            *((k, False) for k in PERSONAL)]]
# One pattern for every kind (a named group each): one pass over a sentence, not eleven.
KINDS = regex.compile("(?i)" + "|".join(
    rf"\b(?P<k{i}>{pat})\b" for i, (_label, pat) in enumerate([*SECRETS, *PERSONAL])))
# A cheap test that a sentence may hold a request at all (before or after the data named).
ASK_RE = regex.compile(rf"(?i)\b(?:{ASK}|please|below|comments?|will do|would|needed|required)\b")
# "Never share your PIN", "we will never ask for your password": warnings, not requests.
NEGATED = regex.compile(r"(?i)\(no\b|\bno (?:\w+ )?(?:account|acct|pin|card|personal|password|"
                        r"security|details|numbers?)|\b(?:never|not|don'?t|don’t|do not|no need|"
                        r"avoid|without|"
                        r"shouldn'?t|should not|won'?t|will not|nobody|no one|careful|beware|"
                        r"scam|fraud|phishing)\b")
# The request moves the conversation somewhere private: fine for personal data, in public.
# Named as a route ("via the app", "in branch"), not a word that may mean something else
# ("get you back into online banking", "which branch did you visit").
PRIVATE_ROUTE = regex.compile(r"(?i)\b(?:dms?|direct(?:ly)? message|private(?:ly)?(?: message)?|"
                              r"pm|inbox|secure(?:ly)?|in private|message us|"
                              r"(?:via|through|using|in|on|over|by) (?:the |our |your )?(?:app|"
                              r"phone|chat|email|e-mail|form|link|online banking|live chat)|"
                              r"call us|give us a call|ring us|in (?:a |any |your |our )?branch|"
                              r"in person|this link|the link|https?://)\b")
# "It's quicker than a DM", "no need to DM us": a route named as the one not taken.
ROUTE_NOT_TAKEN = regex.compile(r"(?i)\b(?:than|instead of|rather than|no need (?:to|for)|"
                                r"skip|without|not)\s+(?:a\s+|an\s+|the\s+)?$")
# A reply that continues an earlier part of a thread ("...and your address"): the part before
# may have moved to DM, so only secrets are judged.
# Tweets often start in lower case, so a lower-case first word is a continuation only when
# it is not one a reply opens with ("pop your postcode below", "hi, what's your DOB?").
CONTINUATION = regex.compile(r"^(?:\.\.\.|…|(?:and|or|but|along|with|plus|also|then|as well|"
                             r"including|together)\b)")
OPENERS = frozenset("""
hi hey hello hiya morning evening afternoon please pls plz can could would will what whats
what's which when where how send pop drop share tell post give reply dm message we we're we've
we'll i i'm i've i'll you you're your sorry thanks thank ty ok okay yes yep no so just let
confirm need if for to sure great good oh ah aw thx cheers
""".split())
# Zero-width and bidirectional controls. ZWJ (U+200D) inside an emoji sequence is legitimate.
INVISIBLE = regex.compile(r"[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                          r"\ufeff\u00ad\u180e]|(?<!\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}]*)\u200d")

ANY_DIGIT = regex.compile(r"\d")
WORD = regex.compile(r"[\w'.-]+")
# A cheap first test on the reply's tokens: every data request names one of these words.
HINT_WORDS = frozenset("""
password passwords passcode passcodes passphrase login log-in credentials pin pins code codes
otp cvv cvv2 cvc csc cv2 digits digit numbers number card card's expiry expiration exp
security memorable maiden birth birthday birthdate dob d.o.b account acct iban routing bank
address addresses postcode post zip zipcode live social ssn insurance passport licence
license back details photo picture scan copy selfie last final pic pics pictures
screenshot image snap pet maiden favourite born place email e-mail contact personal nhs
expire expires sixteen statement mobile phone username sign-in sortcode reverse
""".split())
LEADING_MENTIONS = regex.compile(r"^(?:\s*@\w+)+\s*")
BIDI = regex.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _may_hold_email(text: str) -> bool:
    """A cheap test before EMAIL: an "@" right after a character of an address's local part.
    Replies on X hold "@" in nearly every reply, but after a space or at the start
    (mentions). ``isalnum`` covers every character EMAIL's ``(?i)[a-z0-9]`` matches (the
    Kelvin sign and the long s included)."""
    i = text.find("@", 1)
    while i != -1:
        c = text[i - 1]
        if c.isalnum() or c in "._%+-":
            return True
        i = text.find("@", i + 1)
    return False


def has_refs(text: str) -> bool:
    """A cheap test before the booking-reference pattern: most replies name none."""
    low = text.lower()
    return "ref" in low or "pnr" in low or "code" in low or "number" in low


def iban_ok(iban: str) -> bool:
    """The ISO 13616 check: move the first four characters to the end, letters to numbers,
    and the result modulo 97 is 1."""
    s = iban.replace(" ", "")
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


@dataclass
class Config:
    severities: dict[str, str | None]
    emails: frozenset[str]
    domains: frozenset[str]
    phones: frozenset[str]
    accounts: list[tuple[str, UserPattern, str]]
    postcodes: list[regex.Pattern[str]]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class PrivacyCheck(Check):
    name = "privacy"
    category = "privacy"
    section = "privacy"
    schema = SCHEMA
    rules = RULES

    def configure(self, voice: Voice, nlp: Language) -> Config:
        section = voice.section("privacy")
        return Config(
            severities={rule: self.severity(voice, rule) for rule in RULES},
            emails=frozenset(e.lower() for e in section.get("allowed_emails") or ()),
            domains=frozenset(d.lower().lstrip("@") for d in section.get("allowed_domains") or ()),
            phones=frozenset(_digits(p) for p in section.get("allowed_phones") or ()),
            accounts=[(name, UserPattern(p, 0, src), src)
                      for name, p in (section.get("account_patterns") or {}).items()
                      for src in [voice.source("privacy", "account_patterns", name)]],
            postcodes=_postcodes(voice.locale),
        )

    def check(self, reply: Reply, config: Config) -> Iterator[Finding]:
        sev = config.severities
        voice = reply.voice
        text = reply.text
        if sev["invisible_characters"] and not reply.ascii:
            for m in INVISIBLE.finditer(text):
                ch = m.group()
                if BIDI.match(ch):
                    yield reply.finding(
                        "privacy.invisible_characters", sev["invisible_characters"], m.start(),
                        m.end(), f"bidirectional control U+{ord(ch):04X} reorders the text "
                        "around it (a spoofing risk): remove it", suggestion="",
                        source=self.rule_source(voice, "invisible_characters"))
                else:  # a stray zero-width space or soft hyphen: pasted, not an attack
                    yield reply.finding(
                        "privacy.invisible_characters",
                        "info" if sev["invisible_characters"] == "info" else "warning",
                        m.start(), m.end(), f"invisible character U+{ord(ch):04X} (usually "
                        "pasted by accident) can break links and search; remove it",
                        suggestion="", source=self.rule_source(voice, "invisible_characters"))
        taken: list[tuple[int, int]] = []
        pack = pack_of(reply)
        if pack is not None:  # the language pack's requests, ids, accounts and addresses
            for f in privacy_findings(reply, pack, sev.__getitem__,
                                      lambda rule: self.rule_source(voice, rule)):
                taken.append((f.start, f.end))
                yield f
        elif (sev["credential_request"] or sev["data_request"]) and \
                not HINT_WORDS.isdisjoint(reply.lower_set):
            yield from self._requests(reply, config)  # English wordings
        if not reply.public:
            # A full card number is never written to the customer, even privately (PCI DSS:
            # no unprotected card numbers by email, text or chat).
            if sev["card_number"] and DIGITS.search(reply.prose) is not None:
                yield from self._cards(reply, sev["card_number"], taken, False,
                                       "full card number in a reply; never send one, even in "
                                       "a private message: show the last four digits only")
            return
        move = "move this to a private message (DM) and remove it from the public reply"
        if sev["email"] and _may_hold_email(text):
            for m in EMAIL.finditer(text):
                addr = m.group().lower()
                if addr in config.emails or addr.rsplit("@", 1)[1] in config.domains:
                    continue
                taken.append(m.span())
                yield reply.finding("privacy.email", sev["email"], m.start(), m.end(),
                                    f"email address in a public reply; {move}", suggestion="",
                                    source=self.rule_source(voice, "email"))
        if sev["account_number"] and has_refs(text):
            for m in BOOKING_REF.finditer(reply.prose):
                if BOOKED.search(_sentence_at(reply.prose, m.start(), m.end())):
                    span = m.span("code")
                    taken.append(span)
                    yield reply.finding(
                        "privacy.account_number", sev["account_number"], *span,
                        "booking reference in a public reply: with the customer's surname it "
                        f"opens the booking; {move}", suggestion="",
                        source=self.rule_source(voice, "account_number"))
        for name, pattern, source in config.accounts:
            if not sev["account_number"]:
                break
            try:
                hits = list(pattern.finditer(text))
            except PatternTimeout:
                # Fail closed: a reply the pattern could not finish on is not known clean.
                yield reply.finding("privacy.account_number", sev["account_number"], 0, 0,
                                    f"the {name} pattern timed out on this reply, so it could "
                                    "not be checked for one; check it by hand, and simplify "
                                    "the pattern (lint flags it)", suggestion="", source=source)
                continue
            for m in hits:
                taken.append(m.span())
                yield reply.finding("privacy.account_number", sev["account_number"], m.start(),
                                    m.end(), f"{name} in a public reply; {move}",
                                    suggestion="", source=source)
        # Numbers are looked for in the prose: a handle like @115712 or a URL is not a phone.
        prose = reply.prose
        has_digits = DIGITS.search(prose) is not None
        if pack is None and has_digits:
            yield from self._ids(reply, sev, taken, move)
        if sev["card_number"] and has_digits:
            yield from self._cards(reply, sev["card_number"], taken, True,
                                   f"card number in a public reply; {move}, and never ask "
                                   "for a full card number")
        if sev["phone"] and has_digits:
            for m in PHONE.finditer(prose):
                raw = m.group().strip()
                digits = _digits(raw)
                if not 9 <= len(digits) <= 15 or DATE_LIKE.match(raw) or reply.in_url(m.start()):
                    continue
                if digits in config.phones or BUSINESS_NUMBER.match(digits) or \
                        (pack is not None and pack.is_business_phone(digits)) or \
                        _inside(m.span(), taken) or (len(digits) >= 13 and luhn(digits)):
                    continue
                taken.append(m.span())
                end = m.start() + len(raw)
                if not MOBILE.match(digits) and \
                        BRAND_PHONE.search(_sentence_at(prose, m.start(), end)):
                    # Most likely the brand's own line: check it (one wrong digit sends
                    # customers elsewhere) and list it, rather than an error on every reply.
                    yield reply.finding(
                        "privacy.phone", "info" if sev["phone"] == "info" else "warning",
                        m.start(), end, "phone number given as yours but not on this voice's "
                        "allowlist; check it and add it to privacy.allowed_phones (if it is "
                        f"the customer's, {move})", suggestion="",
                        source=self.rule_source(voice, "phone"))
                    continue
                yield reply.finding("privacy.phone", sev["phone"], m.start(), end,
                                    "phone number not on this voice's allowlist, in a public "
                                    f"reply; if it is the customer's, {move}; if it is yours, add "
                                    "it to privacy.allowed_phones", suggestion="",
                                    source=self.rule_source(voice, "phone"))
        any_digit = has_digits or ANY_DIGIT.search(prose) is not None  # tested once, used thrice
        if sev["address"] and any_digit:
            for street in (ADDRESS, EU_ADDRESS, *config.postcodes):
                for m in street.finditer(prose):
                    if _inside(m.span(), taken) or reply.in_url(m.start()) or \
                            BRAND_PLACE.search(_sentence_at(prose, m.start(), m.end())):
                        continue
                    taken.append(m.span())
                    yield reply.finding("privacy.address", sev["address"], m.start(), m.end(),
                                        f"street address or postcode in a public reply; {move}",
                                        suggestion="", source=self.rule_source(voice, "address"))
        if sev["address"] and ("your" in reply.lower_set or "their" in reply.lower_set):
            for m in HOME_STREET.finditer(prose):
                if not _inside(m.span(), taken):
                    taken.append(m.span())
                    yield reply.finding("privacy.address", sev["address"], m.start(), m.end(),
                                        "the street the customer lives on, in a public reply; "
                                        f"{move}", suggestion="",
                                        source=self.rule_source(voice, "address"))
        if sev["date_of_birth"] and has_digits and not BIRTH_WORDS.isdisjoint(reply.lower_set):
            for m in BIRTH_DATE.finditer(prose):
                span = m.span("date")
                if not _inside(span, taken):
                    taken.append(span)
                    yield reply.finding("privacy.date_of_birth", sev["date_of_birth"], *span,
                                        "a date of birth in a public reply is half of what a "
                                        f"fraudster needs to pass security; {move}",
                                        suggestion="",
                                        source=self.rule_source(voice, "date_of_birth"))
        if sev["card_digits"] and any_digit:
            for m in CARD_DIGITS.finditer(prose):
                if not _inside(m.span(), taken):
                    taken.append(m.span())
                    yield reply.finding("privacy.card_digits", sev["card_digits"], m.start(),
                                        m.end(), "the last digits of a card in a public reply "
                                        f"identify the customer's card; {move}", suggestion="",
                                        source=self.rule_source(voice, "card_digits"))
        if sev["transaction"] and any_digit:  # "£15 refund"
            yield from self._transactions(reply, sev["transaction"], taken, move)

    def _cards(self, reply: Reply, severity: str, taken: list[tuple[int, int]],
               card_word: bool, message: str) -> Iterator[Finding]:
        prose = reply.prose
        for m in CARD.finditer(prose):
            digits = _digits(m.group())
            # Not Luhn-valid (a made-up or mistyped number) still counts in a sentence
            # about a card (card_word: public replies); elsewhere 16 digits may be a tracking
            # number, and privately an order number beside "your card" is ordinary.
            # Privately, a number that a card word names just before it ("카드 9410-8823-...",
            # "card: 5243 ...") is one whatever its check digit: writers and typos break Luhn,
            # and an order number is not introduced as a card.
            # Privately, a number named as a gift, loyalty or SIM card's is not a payment card's.
            if 13 <= len(digits) <= 19 and not _inside(m.span(), taken) and (
                    luhn(digits) or (card_word and CARD_WORD.search(
                        _sentence_at(prose, m.start(), m.end())) is not None) or
                    CARD_NAMED.search(prose, max(0, m.start() - 20), m.start()) is not None) and (
                    card_word or NON_PAYMENT_CARD.search(prose, max(0, m.start() - 50),
                                                         m.start()) is None):
                taken.append(m.span())
                yield reply.finding("privacy.card_number", severity, m.start(), m.end(),
                                    message, suggestion="",
                                    source=self.rule_source(reply.voice, "card_number"))

    def _requests(self, reply: Reply, config: Config) -> Iterator[Finding]:
        """Requests for secrets (every channel) and for personal data (public replies)."""
        sev = config.severities
        text = reply.text
        voice = reply.voice
        # A later part of a thread ("...along with your address") may have moved to DM in
        # the part before: only secrets are judged without that context.
        body = LEADING_MENTIONS.sub("", text, count=1)
        first = WORD.match(body)
        continuation = CONTINUATION.match(body) is not None or (
            first is not None and first.group()[:1].islower() and
            first.group().rstrip(",.!?:") not in OPENERS)
        # "DM us ... Please include your name and address": the route may be named in
        # another sentence of the reply. Searched for only when a sentence asks for data
        # (most replies that reach here ask for none).
        private_route: bool | None = None
        code_sent = CODE_SENT.search(text) if sev["credential_request"] else None
        for sent in SENTENCE.finditer(text):
            sentence = sent.group()
            if code_sent is not None and sent.end() > code_sent.end() and \
                    not NEGATED.search(sentence):
                back = CODE_BACK.search(text, max(sent.start(), code_sent.end()), sent.end())
                if back is not None:
                    yield reply.finding(
                        "privacy.credential_request", str(sev["credential_request"]),
                        back.start(), back.end(),
                        f"asks for the code we sent ({code_sent.group()!r}) back: a one-time "
                        "code is for the customer to type into our app or site, never to give "
                        "to anyone; no genuine agent ever asks for it, and phishing does",
                        suggestion="", source=self.rule_source(voice, "credential_request"))
                    continue
            # "... your date of birth.": the full stop is not part of the word ("d.o.b." is)
            if HINT_WORDS.isdisjoint(w.rstrip(".") for w in WORD.findall(sentence.lower())) \
                    or \
                    NEGATED.search(sentence) or \
                    not ASK_RE.search(sentence):
                continue
            kinds: list[tuple[str, int, int, bool]] = []
            for m in KINDS.finditer(sentence):
                if _asked(sentence, m.start(), m.end()):
                    label, secret = _KIND_LIST[int((m.lastgroup or "k0")[1:])]
                    kinds.append((label, m.start(), m.end(), secret))
            ref = self._card_reference(sentence, text) if not kinds else None
            if ref is not None and _asked(sentence, ref.start(), ref.end()):
                kinds.append(("card details", ref.start(), ref.end(), False))
            if not kinds:
                continue
            secrets = [k for k in kinds if k[3]]
            if secrets and sev["credential_request"]:
                labels = _join(sorted({k[0] for k in secrets}))
                start = sent.start() + min(k[1] for k in secrets)
                end = sent.start() + max(k[2] for k in secrets)
                yield reply.finding(
                    "privacy.credential_request", sev["credential_request"], start, end,
                    f"asks for {labels}: no genuine agent ever asks for this, in any channel, "
                    "and phishing does; remove the request and tell the customer we will never "
                    "ask for it", suggestion="",
                    source=self.rule_source(voice, "credential_request"))
                continue
            if reply.public and sev["data_request"] and not continuation:
                if private_route is None:
                    private_route = any(
                        not ROUTE_NOT_TAKEN.search(text, max(0, m.start() - 30), m.start())
                        for m in PRIVATE_ROUTE.finditer(text))
                if private_route:
                    continue
                labels = _join(sorted({k[0] for k in kinds}))
                start = sent.start() + min(k[1] for k in kinds)
                end = sent.start() + max(k[2] for k in kinds)
                yield reply.finding(
                    "privacy.data_request", sev["data_request"], start, end,
                    f"asks for {labels} in a public reply, where everyone can read the answer; "
                    "move to a private channel (DM) and ask there", suggestion="",
                    source=self.rule_source(voice, "data_request"))

    def _ids(self, reply: Reply, sev: dict[str, str | None], taken: list[tuple[int, int]],
             move: str) -> Iterator[Finding]:
        """English bank account numbers, sort codes and IBANs; SSNs and NI numbers."""
        prose = reply.prose
        words = reply.lower_set
        # Cheap tests first: most replies name no account and hold no IBAN-shaped code.
        if sev["bank_account"] and (not BANK_WORDS.isdisjoint(words) or
                                    IBAN_START.search(prose)):
            for m in BANK_ACCOUNT.finditer(prose):
                group = "iban" if m.group("iban") else "n"
                span = m.span(group)
                if _inside(span, taken) or (group == "iban" and not iban_ok(m.group("iban"))):
                    continue
                taken.append(span)
                yield reply.finding(
                    "privacy.bank_account", sev["bank_account"], *span,
                    f"bank account details in a public reply; {move}", suggestion="",
                    source=self.rule_source(reply.voice, "bank_account"))
        if sev["national_id"] and ("-" in prose or not ID_WORDS.isdisjoint(words) or
                                   NI_START.search(prose)):
            for m in NATIONAL_ID.finditer(prose):
                if _inside(m.span(), taken):
                    continue
                taken.append(m.span())
                yield reply.finding(
                    "privacy.national_id", sev["national_id"], m.start(), m.end(),
                    "a national id (social security or National Insurance number) in a public "
                    f"reply; {move}", suggestion="",
                    source=self.rule_source(reply.voice, "national_id"))

    def _card_reference(self, sentence: str, text: str) -> regex.Match[str] | None:
        """ "Which card is it? Just pop the number here": the number of a card named in the
        reply."""
        if not CARD_WORD.search(text):
            return None
        return CARD_REF.search(sentence)

    def _transactions(self, reply: Reply, severity: str, taken: list[tuple[int, int]],
                      move: str) -> Iterator[Finding]:
        prose = reply.prose
        for sent in SENTENCE.finditer(prose):
            sentence = sent.group()
            amount = AMOUNT.search(sentence)
            if amount and ((SPENT.search(sentence) and (
                    SPENT_WHERE.search(sentence) or (SPENT_WHEN.search(sentence) and
                                                     BANK_CONTEXT.search(sentence)))) or
                           BALANCE.search(sentence)):
                span = (sent.start() + amount.start(), sent.start() + amount.end())
                if _inside(span, taken):
                    continue
                taken.append(span)
                yield reply.finding("privacy.transaction", severity, span[0], span[1],
                                    "transaction details (an amount with where or when it was "
                                    f"spent) in a public reply identify the customer; {move}",
                                    suggestion="",
                                    source=self.rule_source(reply.voice, "transaction"))


def _asked(sentence: str, at: int, end: int) -> bool:
    """Whether the data named at ``sentence[at:end]`` is the object of a request.

    A request word before it ("send", "pop ... below", "what is", "reply with your"), with
    no advice about it in between ("tell us once you have reset your password"), or an
    elliptic request after it ("the last four digits will do", "..., please"). Not where
    the customer types it ("type your PIN into the app")."""
    if ENTER_WHERE.match(sentence, end):
        return False
    question = "?" in sentence
    if ASK_BEFORE.match(sentence, at):  # the data named with its verb: "screenshot your card"
        return not ADVICE_BEFORE.search(sentence, 0, at)
    for ask in reversed(list(ASK_BEFORE.finditer(sentence, 0, at))):
        word = ask.group().lower()
        if word in QUESTION_ONLY and not question:
            continue
        return not (ADVICE.search(sentence, ask.end(), at) or
                    ADVICE_BEFORE.search(sentence, 0, ask.start()))
    after = ASK_AFTER.match(sentence, end)
    return after is not None and not STATEMENT.search(after.group("gap")) and \
        not STATEMENT.search(sentence, 0, at)


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``text[start:end]``; a full stop before a digit or a
    capital of an abbreviation does not end it, which is close enough for a cue search."""
    # At most 200 characters each way: whole-reply scans per match were quadratic on
    # replies of many numbers without a sentence break.
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    left = max(lo, max(text.rfind(c, lo, start) for c in ".!?\n") + 1)
    rights = [i for i in (text.find(c, end, hi) for c in "!?\n") if i != -1]
    dot = END_DOT.search(text, end, hi)
    if dot:
        rights.append(dot.start())
    return text[left:min(rights, default=hi)]


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _postcodes(locale: str) -> list[regex.Pattern[str]]:
    """Postcode formats for the voice's locale: UK for en-GB (and Welsh, Irish English),
    US ZIP codes after a state for en-US, EU formats for other European locales; a bare
    ``en`` gets the UK and US ones."""
    low = locale.lower().replace("_", "-")
    if low in ("en-gb", "en-ie", "cy", "cy-gb", "gd", "en-uk"):
        return [UK_POSTCODE]
    if low.startswith("en-us") or low in ("en-ca",):
        return [US_ZIP]
    if low == "en" or low.startswith("en-"):
        return [UK_POSTCODE, US_ZIP]
    return [EU_POSTCODE]


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in taken)


@hookimpl
def brandvoice_register_checks() -> list[Check]:
    return [PrivacyCheck()]
