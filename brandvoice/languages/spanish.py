"""The Spanish pack: phrase lists, inclusive terms, DNI/NIE and IBAN patterns with their check
digits, and textstat's Spanish readability formulas (Fernández Huerta, Szigriszt-Pazos).

textstat computes Spanish syllables with pyphen's bundled Spanish dictionary, so the formulas
work offline. Its backend functions take the language as an argument, so the global
``textstat.set_lang`` (which the English formulas would also see) is never touched.
"""

from __future__ import annotations

from brandvoice.languages.pack import LanguagePack, Phrase, PrivacyPattern
from brandvoice.plugins.hookspecs import hookimpl

__all__ = ["SPANISH", "dni_valid", "iban_valid"]

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni_valid(text: str) -> bool:
    """A Spanish DNI (8 digits and a letter) or NIE (X, Y or Z, 7 digits, a letter) whose
    check letter is right: the number modulo 23 indexes ``TRWAGMYFPDXBNJZSQVHLCKE``."""
    s = "".join(c for c in text.upper() if c.isalnum())
    if len(s) != 9:
        return False
    if s[0] in "XYZ":
        s = str("XYZ".index(s[0])) + s[1:]
    if not s[:8].isdigit():
        return False
    return _DNI_LETTERS[int(s[:8]) % 23] == s[8]


def iban_valid(text: str) -> bool:
    """An IBAN whose check digits are right (ISO 13616: the rearranged number mod 97 is 1)."""
    s = "".join(c for c in text.upper() if c.isalnum())
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    moved = s[4:] + s[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


def _readability(text: str) -> dict[str, float]:
    from textstat.backend.metrics import fernandez_huerta, szigriszt_pazos

    prose = " ".join(text.split())
    return {"fernandez_huerta": float(fernandez_huerta(prose, "es")),
            "szigriszt_pazos": float(szigriszt_pazos(prose, "es"))}


_BOILERPLATE = (
    Phrase(r"\b(?:lamentamos|sentimos|disculpe(?:n)?)\s+(?:cualquier|las|todas\s+las)\s+"
           r"molestias(?:\s+(?:ocasionadas|causadas))?", None, "a stock apology", weak=True),
    Phrase(r"\bdisculpen?\s+las\s+molestias\b", None, "a stock apology", weak=True),
    Phrase(r"\bsu\s+(?:llamada|consulta|opinión)\s+es\s+(?:muy\s+)?importante\s+para\s+"
           r"nosotros\b", None, "stock phrasing"),
    Phrase(r"\ble\s+(?:informamos|comunicamos|notificamos)\s+(?:de\s+)?que\b", None,
           "notice style; say it plainly"),
    Phrase(r"\bpor\s+medio\s+de\s+la\s+presente\b", None, "legal phrasing"),
    Phrase(r"\bno\s+dude\s+en\s+(?:contactarnos|ponerse\s+en\s+contacto|escribirnos|"
           r"contactar)\b", None, "like 'do not hesitate to contact us'"),
    Phrase(r"\bagradecemos\s+su\s+(?:paciencia|comprensión)(?:\s+y\s+(?:paciencia|comprensión))?",
           None, "stock phrasing"),
    Phrase(r"\b(?:según|conforme\s+a|de\s+acuerdo\s+con)\s+(?:nuestra|la)\s+política\b", None,
           "like 'as per our policy'"),
    # The usual opening of a Spanish business email: worth a finding only in a reply made of
    # stock phrases.
    Phrase(r"\bestimad[oa]\s+client[ea]\b", None, "impersonal; greet the person by name",
           weak=True),
    Phrase(r"\bsu\s+(?:solicitud|reclamación|incidencia)\s+ha\s+sido\s+(?:recibida|registrada)\b",
           None, "like 'your request has been received'"),
    Phrase(r"\ba\s+la\s+mayor\s+brevedad(?:\s+posible)?\b", None, "stock phrasing; say when"),
    Phrase(r"\bquedamos\s+a\s+su\s+(?:entera\s+)?disposición\b", None, "stock phrasing"),
    Phrase(r"\ben\s+relación\s+a\s+su\s+(?:consulta|solicitud)\b", None, "stock phrasing"),
    Phrase(r"\ben\s+virtud\s+de\b|\bconforme\s+a\s+la\s+normativa(?:\s+vigente)?\b", None,
           "lenguaje de expediente: explica con tus palabras qué pasa y por qué"),
    Phrase(r"\bprocedemos\s+a\s+(?:la|el)\s+\w+", None,
           "lenguaje de expediente: di 'cancelamos tu pedido' en vez de 'procedemos a la cancelación'"),
    Phrase(r"\ba\s+efectos\s+de\b", None, "lenguaje de expediente: escribe 'para'"),
    Phrase(r"\b(?:queda|ha\s+sido|fue)\s+desestimad[oa]\b", None,
           "lenguaje de expediente: di qué no podéis hacer y qué alternativa hay"),
    Phrase(r"\bse\s+le\s+notificó\b|\ben\s+tiempo\s+y\s+forma\b", None,
           "lenguaje de expediente que culpa al cliente: explica de nuevo el plazo y qué podéis hacer"),
    Phrase(r"\bdamos\s+por\s+(?:cerrad[oa]|finalizad[oa]|concluid[oa])\b", None,
           "lenguaje de expediente: di qué falta para seguir y cómo enviarlo"),
    Phrase(r"\bnos\s+vemos\s+en\s+la\s+obligación\s+de\b", None,
           "lenguaje de expediente: di lo que pasa con tus palabras"),
    Phrase(r"\b(?:su|tu)\s+(?:solicitud|reclamación|petición|queja)\s+no\s+procede\b", None,
           "lenguaje de expediente: di qué no podéis hacer, por qué y qué alternativa hay"),
    Phrase(r"\blamentamos\s+(?:comunicarle|informarle|notificarle)\s+que\b", None,
           "fórmula de carta: di lo que pasa directamente"),
    Phrase(r"\bdich[oa]s?\s+(?:incidencia|solicitud|reclamación|pedido|consulta|caso|importe|producto)\b|"
           r"\bse\s+encuentra\s+en\s+(?:proceso|fase|vías)\s+de\b|\bdepartamento\s+correspondiente\b", None,
           "lenguaje de expediente: di quién lo está mirando y cuándo tendrás respuesta"),
    Phrase(r"\brogamos\s+disculpen?\s+las\s+molestias\b", None, "a stock apology", weak=True),
    Phrase(r"\b(?:le|te|les|os)\s+recordamos\s+que\b", None, "notice style; say it plainly", weak=True),
    Phrase(r"\bsu\s+satisfacción\s+es\s+nuestra\s+(?:máxima\s+|principal\s+)?prioridad\b|"
           r"\bnos\s+tomamos\s+muy\s+en\s+serio\b", None, "stock phrasing: say what you did"),
    Phrase(r"\b(?:seguimos\s+)?trabaj(?:amos|ando)\s+para\s+(?:ofrecer(?:le|te|les)?|mejorar|brindar(?:le|te)?)\s+"
           r"(?:el\s+mejor|un\s+mejor|la\s+mejor|cada\s+día\s+un\s+mejor)\s+(?:servicio|experiencia|atención)\b",
           None, "a stock promise: say what will change", weak=True),
    Phrase(r"\bsin\s+otro\s+particular\b", None, "fórmula de carta: termina con lo que vais a hacer"),
    Phrase(r"\b(?:le|les)\s+agradecemos\s+de\s+antemano\b", None, "stock phrasing", weak=True),
    Phrase(r"\bnos\s+remitimos\s+a\b", None,
           "remite a otro mensaje en vez de responder: repite aquí lo que el cliente necesita"),
)

# Verbs of things happening, arriving or working: "tenía que haber llegado" is no reproach.
# Sending is the customer's act too ("tendrías que haber enviado el formulario"), so it is
# none only with our order or refund as its object ("tenía que haber enviado tu pedido").
_NOT_AN_ACT = (r"(?!(?:llegado|llegar|salido|salir|estado|estar|sido|ser|funcionado|funcionar|ocurrido|"
               r"ocurrir|pasado|pasar|quedado|quedar|venido|venir)\b|"
               r"(?:enviado|entregado|enviar|entregar)(?:lo|la|te|le)?\s+(?:ya\s+)?(?:tu|su|el|vuestro)\s+"
               r"(?:pedido|reembolso|abono|repuesto|producto\s+de\s+sustitución)\b)")

_BLAME = (
    Phrase(r"\b(?:el|la|este|ese)\s+(?:fallo|error|culpa|equivocación|problema)\s+(?:es|fue|ha\s+sido)"
           r"\s+(?:tuy[oa]|suy[oa]|vuestr[oa])\b", None, "blames the customer"),
    Phrase(r"\b(?:te|se|le|os|les)\s+(?:lo\s+|la\s+)?(?:hemos|habíamos)\s+(?:explicado|dicho|indicado|"
           r"repetido|comentado|informado)\s+(?:ya\s+)?(?:(?:\w+|\d+)\s+)?veces\b", None,
           "'we have told you N times'"),
    Phrase(r"\bya\s+(?:se\s+lo|te\s+lo|se\s+la|te\s+la|le|te|os|les)\s+(?:hemos\s+)?"
           r"(?:indicamos|dijimos|explicamos|comentamos|informamos|indicado|dicho|explicado|"
           r"comentado|informado)\b", None, "'we already told you'"),
    Phrase(r"\b(?:es|será|sería)\s+(?:de\s+)?(?:la\s+)?(?:exclusiva\s+)?responsabilidad\s+del?\s+"
           r"(?:cliente|usuario|comprador|titular)\b", None, "puts the burden on the customer"),
    Phrase(r"\bsi\s+(?:hubiera|hubieras|hubiese|hubieses|hubieran)\s+(?:leído|revisado|comprobado|"
           r"mirado|leido)\b", None, "'if you had read'"),
    Phrase(r"\b(?:es|fue|ha\s+sido)\s+(?:su|tu)\s+(?:culpa|error|responsabilidad|problema)\b", None,
           "blames the customer"),
    Phrase(r"\b(?:usted\s+|tú\s+)?(?:debería|deberías|debió|debiste)\s+(?:haber\s+)?"
           r"(?:leído|leer|revisado|revisar|comprobado|comprobar|llamado|avisado|leido)\b", None,
           "'you should have...'"),
    Phrase(r"\bcomo\s+ya\s+(?:le|te|les)\s+(?:dijimos|indicamos|informamos|explicamos|"
           r"comentamos)\b", None, "'as we already told you'"),
    Phrase(r"\bya\s+se\s+(?:le|te|les)\s+(?:informó|indicó|explicó|comunicó|dijo|notificó|avisó|envió)\b", None,
           "'you were already told'"),
    Phrase(r"\bno\s+es\s+(?:nuestra|nuestro)\s+(?:culpa|problema|responsabilidad)\b", None,
           "'not our problem'"),
    Phrase(r"\bno\s+podemos\s+hacer\s+nada\b", None, "'nothing we can do'"),
    Phrase(r"\berror\s+del\s+usuario\b", None, "'user error'"),
    Phrase(r"\b(?:otros|el\s+resto\s+de\s+(?:los\s+)?|los\s+demás)\s*(?:clientes|usuarios)\s+no\s+"
           r"(?:tienen|han\s+tenido)\s+(?:ningún\s+)?problema", None, "'other customers manage fine'"),
    Phrase(r"\b(?:lee|leer|lea|revisa|revisar|revise|consulta|consultar|consulte)\s+(?:bien\s+)?"
           r"(?:las?|el|los|nuestras?|nuestros?)\s+(?:instrucciones|condiciones|preguntas\s+frecuentes|"
           r"faq|correo|manual|ficha|web)\s+antes\s+de\s+(?:escribirnos|contactarnos|preguntar|"
           r"llamarnos|escribir)", None, "'read it before you write to us'"),
    Phrase(r"\b(?:lo\s+pone|está|viene|aparece)\s+(?:bien\s+)?(?:clarito|bien\s+claro|clarísimo)\s+en\b",
           None, "'it's written clearly there'"),
    Phrase(r"\b(?:tal\s+(?:y\s+)?como|como)\s+(?:ya\s+)?se\s+(?:le|te|les)\s+(?:indicó|informó|explicó|dijo|"
           r"comunicó|notificó)\b", None,
           "'como se le indicó' suena a reproche: explica de nuevo, sin recordar que ya se dijo"),
    # Not when what should have happened is something arriving or working ("el pedido tenía
    # que haber llegado el lunes" owns the delay): those verbs have no customer to blame.
    Phrase(r"\b(?:tendría|tendrías|tenía|tenías|debería|deberías)\s+(?:usted\s+)?(?:que\s+)?"
           r"haber(?:nos|me|lo|la)?\s+" + _NOT_AN_ACT + r"\w+(?:ado|ido|ído|to|cho)\b|"
           r"\b(?:debió|debiste)\s+(?:usted\s+)?" + _NOT_AN_ACT + r"\w+(?:ar|er|ir)(?:lo|la|nos)?\b", None,
           "'tendría que haber...' culpa al cliente: di qué vais a hacer ahora"),
    Phrase(r"\bsi\s+(?:usted\s+)?(?:hubiera|hubieras|hubiese|hubieses|hubieran)\s+\w+(?:ado|ido|ído|to|cho)\b"
           r"(?=[^.!?\n]{0,60}?\b(?:no\s+)?(?:habría|hubiera|hubiese)\b)", None,
           "'si hubiera..., no habría pasado' culpa al cliente: di cómo lo solucionáis"),
    Phrase(r"\bno\s+es\s+(?:problema|culpa|responsabilidad|asunto|cosa)\s+nuestr[oa]\b|"
           r"(?<=,\s*)no\s+nuestr[oa]\b(?=\s*(?:[.!]|$))|\b(?:eso|esto)\s+es\s+(?:un\s+)?problema\s+(?:suyo|tuyo)\b|"
           r"\b(?:eso|esto)\s+no\s+(?:depende\s+de\s+nosotros|es\s+cosa\s+nuestra|es\s+asunto\s+nuestro)\b",
           None, "'no es problema nuestro' se desentiende: di qué podéis hacer o a quién vais a llamar"),
    Phrase(r"\bno\s+podemos\s+hacer\s+(?:nada\s+)?más\b", None,
           "'no podemos hacer más' cierra la puerta: di qué alternativa queda"),
    Phrase(r"\b(?:usted|tú)\s+no\s+\w+(?:ó|aste|iste|ió)\s+(?:bien|correctamente)\b", None,
           "culpa al cliente: explica qué faltó y cómo lo arregláis"),
    Phrase(r"\bes\s+la\s+(?:segunda|tercera|cuarta|quinta|enésima)\s+vez\s+que\b|\bpor\s+enésima\s+vez\b",
           None, "reprocha que pregunte otra vez: responde sin contar las veces"),
    Phrase(r"\b(?:es|será)\s+responsabilidad\s+(?:suya|tuya|vuestra)\b", None,
           "carga la culpa en el cliente: di qué vais a hacer"),
    Phrase(r"\b(?:tal\s+y\s+)?como\s+(?:figura|consta|se\s+indica|se\s+especifica|viene\s+indicado)\s+en\s+"
           r"(?:las|nuestras|los|nuestros)\s+(?:condiciones|términos|bases)\b", None,
           "se escuda en las condiciones: explica la regla con tus palabras y qué podéis ofrecer"),
    Phrase(r"\b(?:le|te|les)\s+reiteramos\s+que\b", None,
           "'le reiteramos' reprocha que pregunte otra vez: explica de nuevo, sin recordarlo"),
    Phrase(r"\b(?:usted|tú)\s+sabrás?\s+lo\s+que\b", None, "se desentiende del cliente: ofrece ayuda"),
    Phrase(r"\b(?:dado\s+que|ya\s+que|como)\s+(?:usted|tú)\s+no\s+\w+"
           r"(?=[^.!?\n]{0,60}?\b(?:damos\s+por\s+cerrad|no\s+(?:es\s+posible|podemos|procede)|"
           r"se\s+(?:cancela|anula|cierra)))", None,
           "culpa al cliente del resultado: di qué falta y cómo resolverlo"),
    Phrase(r"\b(?:eso|esto)\s+(?:le|te|les)\s+pasa\s+por\b", None, "culpa al cliente: di cómo lo solucionáis"),
    Phrase(r"\bno\s+insista(?:s|n)?\b|\bdeje\s+de\s+insistir\b|\bno\s+sé\s+qué\s+más\s+(?:quiere|quieres)\s+que\b|"
           r"\bno\s+nos\s+hagas?\s+perder\s+el\s+tiempo\b|\bno\s+hay\s+nada\s+(?:más\s+)?que\s+hacer\b", None,
           "despacha al cliente: responde a lo que pide o explica por qué no"),
    # Telling the customer to stop writing: "No se admitirán más reclamaciones sobre este asunto".
    Phrase(r"\bno\s+se\s+(?:admitir|aceptar|atender|tramitar|responder)(?:án|á)\s+más\s+"
           r"(?:reclamaciones|quejas|consultas|solicitudes|mensajes|correos)\b|"
           r"\bno\s+(?:vuelva|vuelvas|vuelvan)\s+a\s+(?:escribir|contactar|llamar|reclamar)\w*"
           # Not a warning about a scammer's number: "no vuelvas a llamar a ese número y bloquéalo".
           r"(?!\s+a\s+(?:es[ea]s?|est[ea]s?|aquel(?:la)?s?|dich[oa]s?)\s+(?:número|teléfono|perfil|cuenta|"
           r"contacto|remitente)s?\b|[^.!?\n]{0,60}?\b(?:bloqu[eé]\w*|estafa\w*|fraude\w*|suplant\w*))|"
           r"\babst[eé]ng(?:ase|anse|ate)\s+de\s+(?:escribir|contactar|enviar|llamar|reclamar)\w*|"
           r"\bno\s+(?:responderemos|contestaremos|atenderemos)\s+(?:a\s+)?más\s+"
           r"(?:mensajes|correos|reclamaciones|quejas|consultas)\b", None,
           "le pide al cliente que deje de escribir: responde a lo que pide o di a quién puede acudir"),
    Phrase(r"\blas\s+(normas|reglas)\s+son\s+las\s+\1\b", None,
           "'las normas son las normas' cierra la conversación: explica la regla y qué podéis ofrecer"),
    Phrase(r"\b(?:usted|tú)\s+(?:aceptó|aceptaste|firmó|firmaste)\s+(?:las|nuestras|los|el)\s+"
           r"(?:condiciones|términos|contrato)\b", None,
           "se escuda en que el cliente aceptó las condiciones: explica la regla y qué podéis ofrecer"),
    Phrase(r"\bya\s+(?:se\s+lo|te\s+lo|se\s+la|te\s+la|le|te|os|les)\s+(?:he|había)\s+"
           r"(?:dicho|explicado|indicado|comentado|repetido)\b|\bya\s+(?:se\s+lo|te\s+lo|le|te)\s+"
           r"(?:dije|expliqué|indiqué|comenté)\b|\bcomo\s+(?:ya\s+)?(?:le|te|les)\s+(?:he|había)\s+"
           r"(?:dicho|explicado|indicado|comentado)\b", None,
           "'ya se lo he dicho' reprocha que pregunte otra vez: explica de nuevo, sin recordarlo"),
    # "¿No leyó el correo?", "¿Acaso no ha visto...?": a reproach put as a question.
    Phrase(r"¿\s*(?:acaso\s+)?no\s+(?:ha|has|han|habéis)\s+(?:leído|visto|revisado|mirado|leido)\b|"
           r"¿\s*(?:acaso\s+)?no\s+(?:leyó|leíste|leyeron|vio|viste|revisó|revisaste|miró|miraste)\b|"
           r"\bacaso\s+no\s+(?:sabe|sabes|lee|lees|leyó|leíste|ve|ves)\b", None,
           "reprocha al cliente que no leyera: pon aquí lo que necesita saber"),
    Phrase(r"\b(?:usted|tú)\s+se\s+equivocó\b|\bte\s+equivocaste\b|\bse\s+ha\s+equivocado\s+usted\b|"
           r"\b(?:marcó|marcaste|puso|pusiste|escribió|escribiste|introdujo|introdujiste|seleccionó|seleccionaste|"
           r"eligió|elegiste|rellenó|rellenaste)\s+(?:\w+\s+){0,3}?mal\b", None,
           "culpa al cliente del error: di cómo lo corregís"),
    Phrase(r"\blamentamos\s+que\s+(?:se\s+sienta|te\s+sientas|lo\s+vea|lo\s+veas|piense|pienses)\s+así\b", None,
           "se disculpa por lo que siente el cliente, no por lo que pasó: di qué pasó y qué vais a hacer"),
    Phrase(r"\bhaberlo\s+(?:pensado|leído|mirado|comprobado|dicho|revisado)\s+antes\b", None,
           "culpa al cliente: di qué podéis hacer ahora"),
    # Only at the end of a clause: "usted verá su pedido en Mis pedidos" and "esto es lo que
    # hay que hacer" are neutral.
    Phrase(r"\b(?:usted\s+verá|tú\s+verás)(?=\s*[.!,;…]|\s*$)|"
           r"\bes\s+lo\s+que\s+hay\b(?!\s+(?:que|en|de|para|disponible))", None,
           "se desentiende del cliente: ofrece una alternativa"),
    Phrase(r"\bsi\s+no\s+(?:le|te|les|os)\s+gusta[^,.!?\n]{0,30},?\s+(?:no\s+(?:compre|compres|vuelva|vuelvas)|"
           r"(?:puede|puedes)\s+(?:irse|irte|ir\s+a|comprar\s+en))", None,
           "echa al cliente: escucha la queja y di qué podéis hacer"),
    # "Sentimos si alguien se ofendió": sorry for the feeling, not for what was done.
    Phrase(r"\b(?:sentimos|lamentamos|siento|lamento|perdón|disculpa[ns]?)\s+(?:mucho\s+)?si\s+"
           r"(?:alguien|usted|te|le|os|les|se|alguno|alguna|algún)\b[^.!?\n]{0,30}?"
           r"\b(?:ofend|molest|sinti|sentido|incomod|malinterpret)\w*", None,
           "se disculpa por lo que sintió el cliente, no por lo que pasó: di qué pasó y qué vais a hacer"),
    # Sarcasm: "Claro, porque la tormenta también es culpa nuestra, ¿no?".
    Phrase(r"(?:^|(?<=[.!?¡¿]\s*))(?:claro|sí|ya|obvio),?\s+porque\b[^.!?\n]{0,80}?(?:,\s*¿no\?|¿verdad\?)|"
           r"\b(?:también|encima)\s+es\s+culpa\s+nuestra,?\s*¿(?:no|verdad)\?", None,
           "suena sarcástico: di con claridad qué pasó y qué podéis hacer"),
    # "otro cliente que no sabe leer", "usted no estaba" (and the visit is charged anyway).
    Phrase(r"\bno\s+(?:sabe|sabes|saben|sabéis)\s+leer\b|\botr[oa]\s+(?:cliente|usuari[oa]|persona)\s+que\s+no\s+"
           r"(?:sabe|lee|entiende)\b", None, "se burla del cliente: explica lo que necesita sin juzgar"),
    Phrase(r"\b(?:usted|tú)\s+no\s+(?:estaba|estabas|se\s+encontraba|te\s+encontrabas|contestó|contestaste|"
           r"respondió|respondiste|abrió|abriste|cogió|cogiste)\b(?=[^\n]{0,120}?\b(?:igualmente|"
           r"de\s+todas\s+formas|se\s+(?:le\s+|te\s+)?cobrar[áa]|no\s+(?:es\s+posible|podemos)|perd)\w*)", None,
           "culpa al cliente y le cobra igual: ofrece otra cita y di cómo evitar el cargo"),
    Phrase(r"\bya\s+está\s+(?:explicado|indicado|detallado|puesto)\s+en\b|"
           r"\bsolo\s+tienes?\s+que\s+(?:mirarlo|leerlo|leer|mirar)\b", None,
           "manda al cliente a leer: pon aquí la respuesta"),
)

_CONDESCENSION = (
    Phrase(r"\bobviamente\b", "", "condescending"),
    Phrase(r"\bclaramente\b", "", "condescending"),
    Phrase(r"\bes\s+(?:muy\s+)?(?:fácil|sencillo)\b", "", "'it's easy'"),
    Phrase(r"\b(?:cálmese|cálmate|tranquilícese|tranquilízate)\b", "", "'calm down'"),
    Phrase(r"\bcomo\s+todo\s+el\s+mundo\s+sabe\b", "", "'as everyone knows'"),
    Phrase(r"\bcomo\s+ya\s+(?:debería|deberías)\s+saber\b", "", "'as you should know'"),
    Phrase(r"\bsimplemente\b", "", "condescending"),
    Phrase(r"\bno\s+es\s+tan\s+difícil\b", "", "'it's not that hard'"),
    Phrase(r"\bes\s+evidente\s+que\b|\bevidentemente\b", "", "condescending"),
    Phrase(r"\b(?:lee|lea|leed|lean|revisa|revise|mira|mire)\s+bien\b", "", "'read it properly'"),
    Phrase(r"\b(?:deberías|debería|deberían|debes|debe)\s+saber\s+que\b", "", "'you should know'"),
    Phrase(r"\bcomo\s+es\s+(?:lógico|obvio|normal)\b|\bcomo\s+(?:bien|ya)\s+(?:sabrá|sabrás|sabe|sabes)\b|"
           r"\bcomo\s+usted\s+bien\s+sabe\b", "", "suena condescendiente: quítalo y explica"),
    Phrase(r"\b(?:debería|deberías)\s+saberlo\b", "", "'you should know'"),
    Phrase(r"\ba\s+ver\s+si\s+(?:lo\s+|me\s+|nos\s+)?(?:entiende|entiendes|entienden|queda\s+claro)\b", "",
           "suena condescendiente: explica sin juzgar"),
    Phrase(r"\bla\s+próxima\s+vez\s+(?:lea|lee|revise|revisa|compruebe|comprueba|mire|mira|fíjese|fíjate)\b", "",
           "sermonea al cliente: quítalo y di qué vais a hacer"),
    Phrase(r"\bcualquier\s+(?:persona|cliente|usuario)\s+(?:entendería|sabría|sabe|entiende)\b", "",
           "compara al cliente con los demás: quítalo y explica"),
    Phrase(r"\bno\s+es\s+tan\s+(?:complicado|complejo)\b", "", "suena condescendiente: explica los pasos"),
    Phrase(r"\b(?:debe|deberá|tiene\s+que)\s+(?:usted\s+)?(?:entender|comprender)\s+que\b", "",
           "suena condescendiente: explica el motivo sin exigir que lo entienda"),
    Phrase(r"\b(?:le|te)\s+rogamos\s+que\s+lea\b|\b(?:lea|lee)\s+con\s+atención\b", "",
           "pide al cliente que lea mejor: repite aquí lo que necesita saber"),
    Phrase(r"\bsi\s+no\s+(?:sabe|sabes)\s+(?:usarlo|usarla|utilizarlo|hacerlo|cómo)\b", "",
           "suena condescendiente: ofrece ayuda con los pasos"),
    Phrase(r"(?:^|(?<=[,¡!¿.]\s*)|(?<=\b(?:hola|gracias|tranquil[oa]|vale|mira)\s+))"
           r"(?:cari|cariño|guap[oa]|guapi|cielo|corazón|bonita|reina|mi\s+amor|chaval|majo|maja|tío|tía|colega)"
           r"(?=\s*[,!.?]|\s*$)", "",
           "trato demasiado familiar con el cliente: usa su nombre"),
    Phrase(r"🙄|😒|🤦", "", "muestra fastidio con el cliente: quítalo"),
    Phrase(r"\bes\s+obvio\s+que\b|\bobvio\b(?=\s*[,.!])", "", "suena condescendiente: explica sin juzgar"),
    Phrase(r"\b(?:esperar|hacer\s+cola)\s+como\s+(?:todo\s+el\s+mundo|todos\s+los\s+demás|los\s+demás)\b", "",
           "compara al cliente con los demás: di cuándo le toca y qué podéis hacer"),
    Phrase(r"\bqué\s+parte\s+(?:de\s+[^?]{1,30}\s+)?no\s+(?:ha|has|han)?\s*(?:entendido|entiende|entiendes|quedó\s+clara)",
           "", "suena condescendiente: explica de otra manera"),
)

_HEDGING = (
    Phrase(r"\bquizás?\b", "", "hedges"),
    Phrase(r"\btal\s+vez\b", "", "hedges"),
    Phrase(r"\ba\s+lo\s+mejor\b", "", "hedges"),
    Phrase(r"\b(?:creo|creemos|supongo|suponemos)\s+que\b", "", "hedges"),
    Phrase(r"\bprobablemente\b", "", "hedges"),
    Phrase(r"\bposiblemente\b", "", "hedges"),
    Phrase(r"\bno\s+estoy\s+segur[oa]\b", None, "say what you will find out"),
)

# Conditions that people have, not suffer (a lookahead: the suggestion replaces the verb only).
_CONDITION = (r"(?=(?:enanismo|autismo|síndrome\s+de\s+down|ceguera|sordera|parálisis|esclerosis|"
              r"epilepsia|acondroplasia|tdah|dislexia)\b)")

_INCLUSIVE = (
    Phrase(r"\bcolor\s+carne\b", "beige", "assumes one skin colour; name the shade"),
    Phrase(r"\bminusválid[oa]s\b", "personas con discapacidad", "outdated and hurtful"),
    Phrase(r"\bminusválid[oa]\b", "persona con discapacidad", "outdated and hurtful"),
    Phrase(r"\bdiscapacitad[oa]s\b", "personas con discapacidad", "put the person first"),
    Phrase(r"\bdiscapacitad[oa]\b", "persona con discapacidad", "put the person first"),
    Phrase(r"\bsordomud[oa]s?\b", "persona sorda", "most deaf people can speak"),
    Phrase(r"\bsubnormal(?:es)?\b", "persona con discapacidad intelectual", "a slur"),
    Phrase(r"\bmongólic[oa]s?\b", "persona con síndrome de Down", "a slur"),
    Phrase(r"\btercera\s+edad\b", "personas mayores", "othering"),
    Phrase(r"\bancian[oa]s\b", "personas mayores", "othering"),
    Phrase(r"\b(?:padece|sufre|padecen|sufren)\s+(?:de\s+)?(?:una\s+)?discapacidad\b",
           "tiene una discapacidad", "disability is not suffering"),
    Phrase(r"\benferm[oa]s?\s+mental(?:es)?\b", "persona con un trastorno mental",
           "put the person first"),
    Phrase(r"\bgitanada\b|\bjudiada\b", "", "an ethnic slur"),
    # Words that are also ordinary adjectives ("datos inválidos", "pedido retrasado", "yo
    # cojo") count only as nouns for people: after an article or "como", or "para".
    Phrase(r"\b(?:los|las|un|una|para|de)\s+inválid[oa]s?\b", "personas con discapacidad",
           "outdated and hurtful"),
    Phrase(r"\b(?:un|una|unos|unas|como)\s+(?:un\s+|una\s+)?retrasad[oa]s?\b(?!\s+(?:en|por|de)\b)|"
           r"\bretrasad[oa]s?\s+mental(?:es)?\b", "", "a slur; leave it out"),
    Phrase(r"\b(?:un|una|el|la|los|las|como)\s+(?:un\s+|una\s+)?(?:coj|manc|tullid)[oa]s?\b",
           "persona con movilidad reducida", "a slur"),
    Phrase(r"\bcasa\s+de\s+locos\b|\bmanicomio\b", "un caos", "mental illness as a metaphor for chaos"),
    # "Loco" for a person ("algún loco de facturación", "un loco que..."): an insult; as an
    # adjective before a noun ("una loca oferta") it is not a person.
    # Not an enthusiast: "eres un loco de la fotografía", "para una loca del café como tú".
    Phrase(r"(?<!\b(?:eres|es|soy|somos|sois|son|ser|sea|seas|sean|era|eras|eran|fue|fuiste|siendo|"
           r"como\s+buen|como\s+buena)\s+)"
           r"\b(?:un|una|algún|alguna|el|la|ese|esa|este|esta|otro|otra)\s+loc[oa](?=\s+(?:de|del|que)\b)"
           r"(?![^.!?\n,;:]{0,40}?\bcomo\s+(?:tú|usted|vosotr[oa]s|ustedes)\b)",
           None, "llama loco a una persona: un insulto; di qué pasó sin él"),
    Phrase(r"\b(?:confinad|postrad|atad|relegad)[oa]s?\s+a\s+(?:una\s+)?silla\s+de\s+ruedas\b",
           "usuario de silla de ruedas", "a wheelchair gives freedom; it does not confine"),
    # "personas que sufren autismo" -> "personas con autismo"; "sufre autismo" -> "tiene".
    Phrase(r"\bque\s+(?:sufren|padecen|sufre|padece)\s+(?:de\s+)?" + _CONDITION, "con ",
           "a condition is not suffering"),
    Phrase(r"(?<!que\s)\b(?:sufre|padece)\s+(?:de\s+)?" + _CONDITION, "tiene ",
           "a condition is not suffering"),
    Phrase(r"(?<!que\s)\b(?:sufren|padecen)\s+(?:de\s+)?" + _CONDITION, "tienen ",
           "a condition is not suffering"),
    Phrase(r"\b(?:niñ[oa]s|personas|gente)\s+normales\b", "sin discapacidad",
           "implies disabled people are not normal"),
    Phrase(r"\btrabajo\s+de\s+chinos\b", "un trabajo minucioso", "an ethnic stereotype"),
    Phrase(r"\bmerienda\s+de\s+negros\b", "un caos", "a racist idiom"),
    # The generic masculine where Spanish has a clear neutral form.
    Phrase(r"\btodos\s+los\s+(?:usuarios|clientes|seguidores|socios|suscriptores)\b",
           "todas las personas", "generic masculine; a neutral form includes everyone"),
    Phrase(r"\blos\s+(?:clientes|usuarios|socios|suscriptores|seguidores|interesados|"
           r"ganadores)\s+que\b", "quienes", "generic masculine; 'quienes' includes everyone"),
    Phrase(r"\b(?:nuestros|los)\s+(?:empleados|trabajadores)\b", "nuestro personal",
           "generic masculine; 'el personal' includes everyone"),
    Phrase(r"\blos\s+ciudadanos\b", "la ciudadanía", "generic masculine"),
    Phrase(r"\bhombres\s+de\s+negocios\b", "profesionales", "deja fuera a las mujeres: escribe 'profesionales'"),
    Phrase(r"\bhombre\s+de\s+negocios\b", "profesional", "deja fuera a las mujeres: escribe 'profesional'"),
    Phrase(r"\bmongolos?\b", None, "un insulto: reescribe la frase sin él"),
    Phrase(r"\bdeficientes?\s+mentales?\b", "personas con discapacidad intelectual",
           "término ofensivo y anticuado"),
    Phrase(r"\b(?:es|son|eres|de)\s+(?:de\s+)?retrasad[oa]s\b(?!\s+(?:en|por|de)\b)", None,
           "un insulto: reescribe la frase sin él"),
    Phrase(r"\blisiad[oa]s?\b", "personas con discapacidad física", "término ofensivo"),
    Phrase(r"\bsudacas?\b", "latinoamericanos", "un insulto racista: escribe 'latinoamericanos'"),
    Phrase(r"(?<=\b(?:hacer|hizo|hicieron|hace|hacen|haciendo|hecho)\s+)el\s+indio\b", "el tonto",
           "una expresión racista: escribe 'hacer el tonto'"),
    Phrase(r"\b(?:está|estás|estamos|están|es|eres|anda|parece|se\s+pone)\s+(?:un\s+poco\s+|muy\s+|medio\s+|súper\s+)?"
           r"(?:bipolar(?:es)?|esquizofrénic[oa]s?|autistas?|psicótic[oa]s?)\b", None,
           "usa un trastorno como metáfora: describe lo que pasa sin él"),
    Phrase(r"\b(?:soy|somos|es|eres)\s+(?:un\s+poco\s+|muy\s+|súper\s+|super\s+)?(?:TOC|obsesiv[oa]s?\s+compulsiv[oa]s?)\b",
           None, "usa un trastorno como rasgo de carácter: di 'muy ordenado'"),
    Phrase(r"\b(?:las\s+|una\s+)?amas?\s+de\s+casa\b", "quienes llevan la casa", "supone que la casa es cosa de mujeres"),
    Phrase(r"\bpara\s+volverse\s+loc[oa]s?\b|\b(?:precios|ofertas?|descuentos?)\s+de\s+locos\b", "increíble",
           "usa la enfermedad mental como gancho: escribe 'increíble'"),
    Phrase(r"(?<=\btrabaj\w*\s+)como\s+(?:un\s+|una\s+)?negr[oa]s?\b", "muchísimo",
           "una expresión racista: escribe 'muchísimo'"),
    Phrase(r"\bpersonas?\s+de\s+color\b", "personas negras", "término anticuado: di 'personas negras' o "
           "'racializadas'"),
    Phrase(r"\b(?:estamos|estoy|nos\s+sentimos|me\s+siento|andamos|vamos)\s+(?:un\s+poco\s+|totalmente\s+)?ciegos?\b",
           None, "usa la ceguera como metáfora: di que no tenéis la información"),
    Phrase(r"\bhasta\s+(?:tu|su|mi)\s+(?:abuel[oa]|madre)\s+(?:sabría|podría|puede|sabe|lo\s+entiende)\b", None,
           "se burla de las personas mayores: di que es fácil para cualquiera"),
    Phrase(r"\b(?:los|las)\s+ciegos\b", "las personas ciegas", "pon a la persona primero"),
    Phrase(r"\b(?:los|las)\s+sordos\b", "las personas sordas", "pon a la persona primero"),
    Phrase(r"\b(?:los|las)\s+diabétic[oa]s\b", "las personas con diabetes", "pon a la persona primero"),
    Phrase(r"\b(?:los|las)\s+epiléptic[oa]s\b", "las personas con epilepsia", "pon a la persona primero"),
    Phrase(r"\b(?:nuestras|las|unas)\s+chicas\s+de\s+(?:atención|la\s+tienda|recepción|soporte|ventas)\b", None,
           "llama 'chicas' a profesionales: escribe 'nuestro equipo de...'"),
    Phrase(r"\bsexo\s+débil\b", None, "un estereotipo sexista: di 'las mujeres' o quítalo"),
    Phrase(r"\bnenazas?\b", None, "un insulto sexista: reescribe la frase sin él"),
    Phrase(r"(?<=\b(?:para|a)\s+)viej[oa]s\b(?=\s+(?:que|de|y)\b|\s*[.,;:!?]|\s*$)",
           "personas mayores", "edadista: di 'personas mayores'"),
    Phrase(r"\babuelit[oa]s\b", "personas mayores", "trata como niños a los mayores: di 'personas mayores'"),
    Phrase(r"\b(?:los|estos|esos|unos|el|al|del)\s+chinos?\s+de\s+(?:la\s+tienda|enfrente|la\s+esquina|abajo|al\s+lado)\b",
           None, "nombra a las personas por su origen: di 'la tienda de enfrente'"),
    Phrase(r"\bseñorita\b", None, "trata a la clienta por su estado civil supuesto: usa su nombre"),
    # "pregúntele a su marido", "pídale a su nieto que le ayude": who in the family handles the
    # technical task, assumed from gender or age.
    Phrase(r"\b(?:pregúntele|pregúntale|pregunte|pregunta|pídale|pídele|pida|pide|consulte|consulta|"
           r"dígale|dile)\s+a\s+(?:su|tu)\s+(?:marido|esposo|mujer|esposa|novio|hij[oa]|niet[oa])\b",
           "a alguien de confianza",
           "supone quién sabe de tecnología por su género o edad: explica los pasos o di 'alguien de confianza'"),
    Phrase(r"\bgente\s+de\s+color\b", "personas negras", "término anticuado: di 'personas negras' o "
           "'racializadas'"),
    Phrase(r"\b(?:moros?|sidosos?|maricas?|maricón|maricones|travelos?|panchitos?|negratas?)\b", None,
           "un insulto: reescribe la frase sin él"),
    Phrase(r"\benan[oa]s\b|\b(?:un|una|el|la|como\s+un|como\s+una)\s+enan[oa]\b", "personas de talla baja",
           "término ofensivo: di 'persona de talla baja'"),
    Phrase(r"\b(?:víctimas?\s+de|afectad[oa]s?\s+(?:de|por))\s+(?:la\s+)?(?:polio|autismo|parálisis\s+cerebral|"
           r"síndrome\s+de\s+down|sordera|ceguera)\b", None,
           "presenta la condición como tragedia: di 'persona con ...'"),
    Phrase(r"\bcomo\s+(?:una\s+niña|nenas?|una\s+chica)\b", None,
           "usa lo femenino como insulto: reescribe la frase sin ello"),
    Phrase(r"\bmujeres\s+al\s+volante\b", None, "un estereotipo sexista: quítalo"),
    Phrase(r"\bestimados\s+(?:clientes|usuarios|socios|suscriptores)\b", "estimada clientela",
           "masculino genérico en el saludo: 'estimada clientela'"),
    Phrase(r"\bparalític[oa]s?\b", "personas con parálisis", "término ofensivo: pon a la persona primero"),
    Phrase(r"\b(?:un|una|es|son|como\s+un|como\s+una)\s+(?:niñ[oa]\s+)?down\b", "persona con síndrome de Down",
           "término ofensivo: di 'persona con síndrome de Down'"),
    Phrase(r"\bsord[oa]\s+como\s+una\s+tapia\b", None, "usa la sordera como burla: quítalo"),
    Phrase(r"\blistas?\s+negras?\b", "lista de bloqueo", "asocia 'negro' con lo malo: di 'lista de bloqueo'"),
    Phrase(r"\binmigrantes?\s+ilegales?\b|\blos\s+ilegales\b", "personas en situación irregular",
           "ninguna persona es ilegal: di 'en situación irregular'"),
    Phrase(r"\b(?:marimachos?|machorras?|bolleras?|mariquitas?)\b", None, "un insulto: reescribe la frase sin él"),
    Phrase(r"\bla\s+parienta\b", "su pareja", "despectivo y sexista: di 'su pareja'"),
    Phrase(r"\bbienvenidos\b", "os damos la bienvenida",
           "masculino genérico: 'os damos la bienvenida' incluye a todo el mundo"),
    Phrase(r"\b(?:hola|gracias|buenos\s+días|buenas\s+tardes|saludos)\s+a\s+todos\b", None,
           "masculino genérico: di 'a todas las personas' o 'a todo el mundo'"),
    Phrase(r"\blos\s+padres(?=\s+(?:de|que|pueden|deben|tienen)\b)", "las familias",
           "masculino genérico: 'las familias' incluye a madres y padres"),
    Phrase(r"\blos\s+alumnos\b", "el alumnado", "masculino genérico: 'el alumnado'"),
    Phrase(r"\blos\s+profesores\b", "el profesorado", "masculino genérico: 'el profesorado'"),
    Phrase(r"\bminusvalía\b", "discapacidad", "término anticuado: di 'discapacidad'"),
    Phrase(r"\bazafatas?\b", "tripulante de cabina", "un término con género: di 'tripulante de cabina'"),
    Phrase(r"\b(?:la|una|las|unas)\s+(?:mujer|señora|chica)(?:es|s)?\s+de\s+la\s+limpieza\b",
           "el personal de limpieza", "supone que limpia una mujer: di 'el personal de limpieza'"),
    Phrase(r"(?<=\btrabaj\w*\s+)como\s+(?:un\s+)?chin[oa]s?\b|\bcomo\s+a\s+un\s+chino\b", None,
           "una expresión racista: reescribe la frase sin ella"),
    Phrase(r"\b(?:precios?|ofertas?|descuentos?)\s+de\s+locura\b", "increíbles",
           "usa la enfermedad mental como gancho: escribe 'increíbles'"),
    Phrase(r"\bcambio\s+de\s+sexo\b", "transición de género", "término anticuado"),
    Phrase(r"\binválid[oa]s?\s+(?:permanentes?|total(?:es)?)\b", "personas con discapacidad",
           "término ofensivo y anticuado"),
    Phrase(r"\bqueridos\s+(?:clientes|usuarios|seguidores|socios)\b", "querida clientela",
           "masculino genérico en el saludo: 'querida clientela' o 'hola a todas y todos'"),
)

_NOUNS = (r"(?:número\s+(?:completo\s+)?de\s+(?:(?:la\s+|tu\s+|su\s+)?tarjeta|cuenta|teléfono|móvil|pasaporte|la\s+seguridad"
          r"\s+social|documento|identidad)|tarjeta(?:\s+de\s+crédito|\s+de\s+débito)?|\bdni\b|\bnie\b|iban|contraseña|"
          r"fecha\s+de\s+(?:caducidad|vencimiento)|domicilio|código\s+postal|número\s+de\s+línea|"
          r"datos\s+(?:personales|de\s+(?:la\s+)?tarjeta|de\s+acceso)|clave(?:\s+de\s+acceso)?|"
          r"(?:la\s+)?firma\s+electrónica|nombre\s+(?:completo|y\s+apellidos)|apellidos|"
          r"n(?:º|°|úm\.?|o\.)\s*(?:de\s+)?(?:la\s+|tu\s+|su\s+)?(?:tarjeta|cuenta|teléfono|móvil|pasaporte|documento)|"
          r"datos\s+de\s+(?:tu|su)\s+tarjeta|pasaporte|número\s+de\s+identificación|"
          # "Déjanos tu número": colloquially the phone; not an order or case number.
          r"(?:tu|su)\s+número(?!\s+(?:de|del|completo)\b)|"
          r"número\s+de\s+(?:cliente|socio|abonado|contrato|póliza|afiliación|seguridad\s+social)|"
          r"datos\s+del\s+titular|matrícula|"
          # Latin American ids and bank accounts.
          r"cédula(?:\s+de\s+(?:identidad|ciudadanía))?|\brut\b|\bcurp\b|\brfc\b|\bcuit\b|\bcuil\b|\bnif\b|"
          r"\bdui\b|documento\s+de\s+identidad|\bcbu\b|\bclabe\b|"
          r"código\s+de\s+\d\s+(?:dígitos|cifras)|"
          r"(?:tres|3)\s+(?:números|dígitos|cifras)\s+(?:de\s+)?(?:detrás|atrás|del\s+reverso)|"
          r"código\s+(?:que\s+(?:te|le)\s+(?:ha\s+)?(?:llegado|llega)|de\s+confirmación|(?:del\s+)?sms)|"
          r"(?:16|dieciséis)\s+(?:dígitos|números|cifras)|clave\s+(?:de\s+(?:banca|seguridad|firma|operaciones)|"
          r"secreta|personal)|"
          r"\bpin\b|cvv|cvc|código\s+de\s+(?:seguridad|verificación|acceso)|código\s+que\s+(?:te|le)\s+"
          r"(?:hemos\s+)?(?:enviado|mandado|llegado|llegará)|(?:últimos|primeros)\s+(?:\d|cuatro|tres|"
          r"dos|seis)\s+(?:dígitos|números)|dirección(?:\s+completa|"
          r"\s+postal)?|datos\s+bancarios|(?<!(?:este|ese|nuestro|por)\s)correo(?:\s+electrónico)?|"
          r"(?<!(?:este|ese|nuestro|por)\s)e-?mail|fecha\s+de\s+"
          r"nacimiento|teléfono|móvil)")
_VERBS = (r"(?:respónde(?:nos|me)|responde(?:nos)?|responda(?:nos)?|respóndanos|contesta(?:nos)?|"
          r"contéstanos|conteste(?:nos)?|coméntanos|comenta|comente|publique|pásanos|nos\s+pasas|"
          r"nos\s+dices|facilítenos|facilítanos|introduce|introduzca|"
          r"envía(?:nos|me)?|envíe(?:nos)?|mánda(?:nos|me)|mande(?:nos)?|escríbe(?:nos)?|"
          r"escriba(?:nos)?|indíca(?:nos)?|indique(?:nos)?|facilíta(?:nos)?|facilite(?:nos)?|"
          r"déja(?:nos)?|deje(?:nos)?|compárte(?:nos)?|comparta(?:nos)?|pon(?:ga)?|publica|"
          r"dinos|díganos|dime|proporciona(?:nos)?|proporciónenos|confírma(?:nos)?|"
          r"confirme(?:nos)?|necesitamos|necesito|nos\s+(?:das|da|puedes\s+(?:dar|pasar|enviar)|"
          r"puede\s+(?:dar|facilitar|enviar|indicar))|"
          # A clitic and the verb in the indicative or subjunctive: "¿nos confirmas...?",
          # "necesito que me pases...", "le rogamos nos indique...".
          r"(?:nos|me)\s+(?:confirm|indiqu|indic|facilit|envi|envíe|mand|pas|dej|escrib|"
          r"proporcion|dig|compart|anot)(?:aras|ara|ase|ieras|iera|iese|as|a|es|e|éis|áis|an|en|ís)|"
          r"(?:nos|me)\s+(?:dices|dice|das|da)|"
          r"(?:nos|me)\s+(?:puedes|puede|podrías|podría|podéis|pueden|podrían)\s+(?:dar|pasar|enviar|mandar|"
          r"facilitar|decir|indicar|confirmar|proporcionar|dejar|escribir|responder|contestar|"
          r"comentar|poner|publicar)|"
          r"nos\s+(?:falta|faltaría|hace\s+falta|haría\s+falta)|(?:es|sería|será)\s+necesari[oa]|"
          r"requerimos|requeriremos|solicitamos|cuéntanos|cuéntame|cuéntenos|cuénteme|danos|dame|denos|deme|"
          r"ponnos|póngannos|"
          r"necesitaríamos|necesitaría|necesitaremos|necesitaré|cu[aá]l\s+es\s+(?:tu|su|el|la)|"
          # Plain tú imperatives ("escribe tu DNI aquí", "deja tu teléfono").
          r"escribe|indica|facilita|deja|comparte|manda|confirma|adjunta|adjúnta(?:nos|me)|adjunte(?:nos)?|"
          r"sube|súbe(?:nos|me)|suba(?:nos)?|"
          r"(?:nos|me)\s+(?:haces|hace|hagas|haga)\s+llegar|ha(?:z|ga)nos\s+llegar|"
          r"nos\s+(?:puedes|puede|podrías|podría|podéis|pueden|podrían)\s+(?:dar|pasar|enviar|mandar|facilitar|"
          r"decir|indicar|confirmar|proporcionar|dejar|escribir)|"
          r"(?:puedes|podrías|podría|puede|pueden|podéis|podrían)\s+(?:dar|pasar|enviar|mandar|facilitar|decir|"
          r"indicar|proporcionar)(?:nos|me)|"
          r"(?:puedes|podrías|podría|puede|pueden|podéis)\s+(?:dejar|escribir|poner|publicar|"
          r"compartir|confirmar|indicar)(?:nos|me)?)")
_DATA_REQUEST = (rf"(?i)\b{_VERBS}\b[^.!?\n]{{0,40}}?{_NOUNS}|{_NOUNS}[^.!?\n]{{0,25}}?"
                 rf"\b(?:aquí|abajo|en\s+(?:los\s+)?comentarios|por\s+aquí)|"
                 # "Tu DNI y tu fecha de nacimiento, por favor": the data, first, and a please.
                 rf"^\W*(?:(?:y|tu|su|el|la|los|las)\s+)?{_NOUNS}[^.!?\n]{{0,40}}?,?\s*por\s+favor")
_PRIVATE = (r"(?i)\b(?:DM|MD|mensaje\s+(?:directo|privado)|privado|por\s+privado|"
            r"chat|formulario|área\s+de\s+cliente|correo\s+a\s+\S+@|por\s+correo|"
            r"por\s+teléfono)")
_CREDENTIAL = (r"(?i)contraseña|\bpin\b|cvv|cvc|código\s+de\s+(?:seguridad|verificación|acceso)|"
               r"número\s+completo\s+de\s+(?:la\s+|tu\s+|su\s+)?tarjeta|"
               r"(?:16|dieciséis)\s+(?:dígitos|números|cifras)\s+de\s+(?:la\s+|tu\s+|su\s+)?tarjeta|"
               r"clave\s+(?:de\s+(?:acceso|banca|seguridad|firma|operaciones)|secreta|personal)|"
               r"(?:tres|3)\s+(?:números|dígitos|cifras)\s+(?:de\s+)?(?:detrás|atrás|del\s+reverso)|"
               r"código\s+(?:que\s+(?:te|le)\s+(?:ha\s+)?(?:llegado|llega)|de\s+confirmación|(?:del\s+)?sms)|"
               r"código\s+que\s+(?:te|le)\s+(?:hemos\s+)?(?:enviado|mandado)")
# Warnings against sharing data, and what we will never ask for, are not requests.
_NOT_A_REQUEST = (r"(?i)\b(?:nunca|jamás)\b|\bno\s+(?:te|le|os|les)\s+(?:vamos\s+a\s+)?"
                  r"(?:pediremos|pedimos|pedir|solicitaremos|solicitamos|solicitar)\b|"
                  r"\bno\s+(?:compartas|publiques|envíes|escribas|compartan|publique|envíe|"
                  r"comparta|des|dé|facilites|facilite)\b|\bnadie\s+(?:de\s+\w+\s+)?(?:te|le)\s+"
                  r"(?:pedirá|va\s+a\s+pedir|pide)\b|\bno\s+(?:debes|debe|deben)\s+(?:compartir|enviar|"
                  r"dar|facilitar|publicar)\b|"
                  r"\ben\s+(?:la\s+app|la\s+aplicación|la\s+web|el\s+cajero|la\s+página)\b")

_PRIVACY = (
    PrivacyPattern("card_number", "the last digits of a card",
                   r"(?i)\btarjeta\s+(?:\w+\s+){0,2}?(?:terminada|acabada|finalizada|que\s+termina|"
                   r"que\s+acaba)\s+en\s+\d{4}\b"),
    PrivacyPattern("national_id", "DNI/NIE", r"(?i)(?<![\w-])[XYZ]?-?\d{7,8}-?\s?[A-Z](?!\w)",
                   dni_valid),
    PrivacyPattern("bank_account", "IBAN",
                   # Upper case only after the country code: "ES91 ... 1332 que" must not
                   # take "que" as a last group (and then fail the check digits).
                   r"(?i)(?<!\w)[A-Z]{2}\d{2}(?:\s?(?-i:[A-Z0-9]){4}){3,7}(?:\s?(?-i:[A-Z0-9]){1,4})?(?!\w)",
                   iban_valid),
    PrivacyPattern("address", "Spanish street address",
                   r"(?:\b(?:[Cc]alle|C/|[Aa]vda\.?|[Aa]v\.|[Aa]venida|[Pp]laza|Pza\.?|[Pp]aseo|"
                   r"[Cc]amino|[Cc]arretera|[Rr]onda)\s+(?:de\s+(?:la\s+|los\s+|las\s+)?)?"
                   r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+){0,3},?\s+(?:n\.?º\s*)?"
                   r"\d{1,4})"),
)

SPANISH = LanguagePack(
    code="es",
    name="Spanish",
    phrases={"boilerplate": _BOILERPLATE, "blame": _BLAME, "condescension": _CONDESCENSION,
             "hedging": _HEDGING},
    inclusive=_INCLUSIVE,
    privacy=_PRIVACY,
    data_request=_DATA_REQUEST,
    greeting=(r"(?:hola|buen[oa]s(?:\s+(?:días|tardes|noches))?|estimad[oa]s?|querid[oa]s?|"
              r"saludos|gracias\s+por\s+(?:escribirnos|contactarnos|ponerte\s+en\s+contacto|"
              r"ponerse\s+en\s+contacto))\b"),
    private_channel=_PRIVATE,
    credential=_CREDENTIAL,
    not_a_request=_NOT_A_REQUEST,
    credential_kinds=((r"número\s+completo", "a full card number"),),
    # 900/800 free-phone and 901/902 shared-cost lines belong to businesses.
    business_phone=r"(?:34)?(?:800|900|901|902)\d{6}",
    sentence_unit="words",
    max_sentence_units=30,
    readability=_readability,
    # Fernández Huerta, on the Flesch scale: below 55 is "fairly difficult" (bachillerato).
    readability_floor=55.0,
)


@hookimpl
def brandvoice_language_packs() -> list[LanguagePack]:
    return [SPANISH]
