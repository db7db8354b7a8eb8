/* html.c: the main content of an HTML page.
 *
 * libxml2's HTML parser (error-tolerant, fixes unclosed tags the way HTML4
 * browsers did) runs in SAX mode: we never build its DOM, only a flat array of
 * the elements that matter (block-level elements and elements with a class/id
 * hint) and a list of text blocks (the text between block boundaries, with its
 * share of link text). Everything after parsing is iterative over those arrays,
 * so 100,000-deep nesting costs no stack.
 *
 * Choosing the content combines several kinds of evidence:
 *  - each block gets a value: long prose with stopwords and sentence
 *    punctuation counts for it, link lists, short fragments and furniture
 *    vocabulary count against it; class/id hints and semantic elements
 *    (<article>, <main>, itemprop=articleBody; <nav>, <aside>, <footer>,
 *    "comments", "related", "share" ...) scale the value;
 *  - the container is the element whose subtree has the largest total value
 *    (a maximum-subtree choice: it takes in all the prose and as little of the
 *    rest as it can);
 *  - inside it, blocks are kept or dropped one by one with jusText-style
 *    context smoothing (a short block between kept prose stays). */
#include "bp.h"

#include <winnow/error.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

/* ---- element table ---- */

enum {
  K_INLINE = 0,
  K_BLOCK, /* div, section...: splits text */
  K_P,
  K_H, /* h1..h6 (level kept apart) */
  K_LI,
  K_QUOTE,
  K_PRE,
  K_CELL,
  K_CAPTION, /* figcaption, caption */
  K_BR,
  K_SKIP, /* never text: script, style... */
  K_TITLE,
  K_META,
  K_A,
};

/* Element and hint flags. */
enum {
  F_NEG = 1 << 0,        /* furniture by class/id/role/element */
  F_POS = 1 << 1,        /* content-like class/id */
  F_POS_STRONG = 1 << 2, /* itemprop=articleBody, "article-body"... */
  F_ARTICLE = 1 << 3,    /* <article>, role=article */
  F_MAIN = 1 << 4,       /* <main>, role=main */
  F_HIDDEN = 1 << 5,     /* hidden, aria-hidden, display:none */
  F_CAPTION = 1 << 6,
  F_LIST = 1 << 7,
  F_NEG_STRONG = 1 << 8, /* a specific hint ("comments", "share"), believed at any size */
  F_TAG_NEG = 1 << 9,    /* <aside>, <footer>...: believed unless they hold the article body */
};

typedef struct {
  const char *name;
  guint8 kind;
  guint16 flags;
} TagInfo;

/* Sorted by name for bsearch. */
static const TagInfo tags[] = {
    {"a", K_A, 0},
    {"address", K_BLOCK, 0},
    {"article", K_BLOCK, F_ARTICLE},
    {"aside", K_BLOCK, F_NEG | F_NEG_STRONG | F_TAG_NEG},
    {"audio", K_SKIP, 0},
    {"blockquote", K_QUOTE, 0},
    {"body", K_BLOCK, 0},
    {"br", K_BR, 0},
    {"button", K_SKIP, 0},
    {"canvas", K_SKIP, 0},
    {"caption", K_CAPTION, F_CAPTION},
    {"center", K_BLOCK, 0},
    {"datalist", K_SKIP, 0},
    {"dd", K_LI, 0},
    {"details", K_BLOCK, 0},
    {"dialog", K_BLOCK, F_NEG | F_NEG_STRONG | F_TAG_NEG},
    {"div", K_BLOCK, 0},
    {"dl", K_BLOCK, F_LIST},
    {"dt", K_LI, 0},
    {"embed", K_SKIP, 0},
    {"fieldset", K_BLOCK, 0},
    {"figcaption", K_CAPTION, F_CAPTION},
    {"figure", K_BLOCK, 0},
    {"footer", K_BLOCK, F_NEG | F_NEG_STRONG | F_TAG_NEG},
    {"form", K_BLOCK, F_NEG},
    {"frameset", K_SKIP, 0},
    {"h1", K_H, 0},
    {"h2", K_H, 0},
    {"h3", K_H, 0},
    {"h4", K_H, 0},
    {"h5", K_H, 0},
    {"h6", K_H, 0},
    {"head", K_BLOCK, 0},
    {"header", K_BLOCK, F_NEG},
    {"hr", K_BLOCK, 0},
    {"html", K_BLOCK, 0},
    {"iframe", K_SKIP, 0},
    {"input", K_SKIP, 0},
    {"label", K_SKIP, 0},
    {"li", K_LI, 0},
    {"main", K_BLOCK, F_MAIN},
    {"map", K_SKIP, 0},
    {"math", K_SKIP, 0},
    {"menu", K_BLOCK, F_NEG | F_NEG_STRONG | F_TAG_NEG},
    {"meta", K_META, 0},
    {"nav", K_BLOCK, F_NEG | F_NEG_STRONG},
    {"noscript", K_SKIP, 0},
    {"object", K_SKIP, 0},
    {"ol", K_BLOCK, F_LIST},
    {"option", K_SKIP, 0},
    {"p", K_P, 0},
    {"pre", K_PRE, 0},
    {"script", K_SKIP, 0},
    {"section", K_BLOCK, 0},
    {"select", K_SKIP, 0},
    {"style", K_SKIP, 0},
    {"summary", K_BLOCK, 0},
    {"svg", K_SKIP, 0},
    {"table", K_BLOCK, 0},
    {"tbody", K_BLOCK, 0},
    {"td", K_CELL, 0},
    {"template", K_SKIP, 0},
    {"textarea", K_SKIP, 0},
    {"tfoot", K_BLOCK, 0},
    {"th", K_CELL, 0},
    {"thead", K_BLOCK, 0},
    {"title", K_TITLE, 0},
    {"tr", K_BLOCK, 0},
    {"ul", K_BLOCK, F_LIST},
    {"video", K_SKIP, 0},
};

static int
tag_cmp(const void *key, const void *elem)
{
  return strcmp((const char *)key, ((const TagInfo *)elem)->name);
}

static const TagInfo *
tag_lookup(const char *name)
{
  return bsearch(name, tags, G_N_ELEMENTS(tags), sizeof tags[0], tag_cmp);
}

/* ---- class and id hints ---- */

/* Tokens of class and id values (split at '-', '_', digits and camelCase)
 * that mark furniture. The specific ones are believed wherever they appear;
 * the layout ones ("sidebar", "header", "hidden") only on elements that do not
 * hold most of the page's prose, since sites put them on their main wrappers. */
static const char *const neg_strong_tokens[] = {
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "dfp", "gpt",
    "sponsor", "sponsored", "promo", "promos", "promotion", "breadcrumb", "breadcrumbs", "share",
    "sharing", "shares", "social", "sociallinks", "newsletter", "newsletters", "subscribe",
    "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "paywall", "comment",
    "comments", "disqus", "related", "relatedposts", "recommended", "recommendations", "recirc",
    "outbrain", "taboola", "trending", "popular", "mostread", "morefrom", "tags", "taglist",
    "keywords", "byline", "bio", "caption", "credit", "credits", "copyright", "teaser", "teasers",
    "rating", "reactions", "print", "email", "login", "follow",
    /* The same in the languages sites name their classes in (German, French,
     * Spanish, Portuguese, Italian, Dutch, Polish, Czech, Turkish; Russian and
     * Chinese transliterated): ads, comments, related, sharing, consent. */
    "werbung", "anzeige", "reklama", "reklamy", "reklam", "publicidad", "publicidade", "pubblicita",
    "publicite", "pub", "advertentie", "guanggao", "kommentare", "kommentar", "commentaires",
    "commentaire", "comentarios", "comentario", "commenti", "commento", "reacties", "komentarze",
    "komentarz", "komentare", "komentar", "kommentarii", "yorum", "yorumlar", "pinglun",
    "relacionadas", "relacionados", "relacionada", "correlati", "correlate", "connexes",
    "powiazane", "gerelateerd", "xiangguan", "partage", "partager", "teilen", "compartir",
    "condividi", "compartilhar", "udostepnij", "fenxiang", "rodo", "datenschutz", "ariane",
    "brotkrumen", "okruszki", "schlagworte", "etiquetas", "tagi", "cerez", "ilgili", NULL};

static const char *const neg_tokens[] = {
    "nav", "navbar", "navigation", "menu", "menus", "sidebar", "aside", "rail", "widget", "widgets",
    "footer", "header", "masthead", "banner", "popup", "modal", "overlay", "more", "tag", "author",
    "authors", "meta", "toolbar", "tools", "pagination", "pager", "skip", "hidden", "hide",
    "sronly", "sr", "visually", "offscreen", "jump", "topics", "dateline", "timestamp", "date",
    "published", "updated", "reading", "readmore", "embed", "video", "player", "gallery",
    "slideshow", "carousel", "partner", "partners", "sitemap", "search", "legal", "disclaimer",
    "notice", "alert", "toc",
    /* Editorial notes (corrections, "edited for clarity", disclosures) and
     * donation or membership pitches. */
    "note", "notes", "correction", "corrections", "disclosure", "support", "donate", "donation",
    "donations", "membership",
    /* Footers, headers, menus and sidebars in other languages. */
    "stopka", "fusszeile", "pied", "piede", "rodape", "podval", "voettekst", "entete", "cabecera",
    "cabecalho", "naglowek", "shapka", "nawigacja", "navigace", "daohang", "seitenleiste",
    "lateral", NULL};

/* Class-name fragments that mark furniture wherever they appear. */
static const char *const neg_stems[] = {
    "comment",    "share",      "social",     "related",    "newsletter", "cookie",
    "consent",    "promo",      "advert",     "sponsor",    "breadcrumb", "subscribe",
    "recommend",  "outbrain",   "taboola",    "popular",    "trending",   "byline",
    "kommentar",  "komentar",   "comentario", "commentair", "reklam",     "werbung",
    "publicidad", "relacionad", "correlat",   "powiazan",   NULL};

/* Whole class names (after removing '-' and '_') that mark the article body. */
static const char *const pos_strong_names[] = {
    "articlebody", "articlecontent", "articletext", "articlemain", "storybody", "storycontent",
    "storytext", "entrycontent", "entrybody", "postcontent", "postbody", "posttext", "contentbody",
    "bodytext", "bodycopy", "maincontent", "richtext", "textbody", "articlecopy", "articleinner",
    "paywallcontent", "blogpost", "postentry", "articlewrap", "caasbody", "articlebodytext",
    "storybodytext", "contentarticle", "articletextbody",
    /* The same in other languages, and CMS names (TRS: Chinese public sites). */
    "artikeltext", "artikelinhalt", "artikelbody", "cuerponoticia", "cuerpoarticulo",
    "contenidonoticia", "corponoticia", "corpomateria", "testoarticolo", "trescartykulu",
    "contenuarticle", "trseditor", NULL};

static const char *const pos_tokens[] = {
    "article", "content", "story", "post", "entry", "text", "body", "main", "prose", "blog",
    "hentry",
    /* In other languages. */
    "artikel", "inhalt", "contenu", "contenido", "conteudo", "contenuto", "tresc", "obsah",
    "icerik", "haber", "noticia", "materia", "articolo", "artykul", "clanek", "statya", "zhengwen",
    "neirong", "wenzhang", "texto", "testo", "tekst", "corpo", "cuerpo", NULL};

static GHashTable *hint_table; /* token -> flags */

/* neg_stems by first letter, for one pass over a class name. */
#define STEMS_PER_LETTER 12
/* Layout names found inside longer ones ("mainSidebar", "sitefooter"). */
static const char *const layout_stems[] = {"sidebar", "footer", "navbar", NULL};

typedef struct {
  const char *stem; /* NULL ends a row */
  guint8 len;
  guint8 strong; /* from neg_stems (else layout_stems) */
} Stem;

static Stem stems_by_letter[26][STEMS_PER_LETTER];

static void
index_stems(const char *const *stems, gboolean strong)
{
  for (guint i = 0; stems[i]; i++) {
    Stem *row = stems_by_letter[stems[i][0] - 'a'];
    guint k = 0;
    while (row[k].stem)
      k++;
    g_assert(k + 1 < STEMS_PER_LETTER);
    row[k] = (Stem){stems[i], (guint8)strlen(stems[i]), (guint8)strong};
  }
}

static gpointer
build_hints(gpointer data)
{
  GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; pos_tokens[i]; i++)
    g_hash_table_insert(t, (gpointer)pos_tokens[i], GUINT_TO_POINTER(F_POS));
  for (guint i = 0; neg_tokens[i]; i++)
    g_hash_table_insert(t, (gpointer)neg_tokens[i], GUINT_TO_POINTER(F_NEG));
  for (guint i = 0; neg_strong_tokens[i]; i++)
    g_hash_table_insert(t, (gpointer)neg_strong_tokens[i], GUINT_TO_POINTER(F_NEG | F_NEG_STRONG));
  index_stems(neg_stems, TRUE);
  index_stems(layout_stems, FALSE);
  return t;
}

static GHashTable *pos_names_table;

static gpointer
build_pos_names(gpointer data)
{
  GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; pos_strong_names[i]; i++)
    g_hash_table_add(t, (gpointer)pos_strong_names[i]);
  return t;
}

void
wn_bp_html_global_init(void)
{
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    xmlInitParser();
    static GOnce o1 = G_ONCE_INIT, o2 = G_ONCE_INIT;
    hint_table = g_once(&o1, build_hints, NULL);
    pos_names_table = g_once(&o2, build_pos_names, NULL);
    g_once_init_leave(&done, 1);
  }
}

/* The furniture flags of the stems the lower-case alphanumeric name holds
 * (j bytes). */
static guint
stem_flags(const char *joined, gsize j)
{
  guint flags = 0;
  for (gsize i = 0; i + 2 < j; i++) {
    char c = joined[i];
    if (c < 'a' || c > 'z')
      continue;
    for (const Stem *st = stems_by_letter[c - 'a']; st->stem; st++)
      if (st->stem[1] == joined[i + 1] && st->len <= j - i &&
          memcmp(joined + i, st->stem, st->len) == 0)
        flags |= st->strong ? F_NEG | F_NEG_STRONG : F_NEG;
  }
  return flags;
}

/* Token delimiters of class names: '-', '_', '.', ':', '/' and digits. */
static inline gboolean
is_token_delim(char c)
{
  return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || g_ascii_isdigit(c);
}

/* Flags from one class name (no blanks inside), lower-cased on the way. */
static guint
hints_from_class(const char *name, gsize n)
{
  guint flags = 0;
  char joined[256], tok[64];
  gsize j = 0, t = 0;
  gboolean tok_long = FALSE;
  for (gsize i = 0; i <= n; i++) {
    char c = i < n ? name[i] : '\0';
    /* A token ends at a delimiter, at the end, and where camelCase turns
     * upper ("storyBody"). */
    gboolean camel = i > 0 && i < n && g_ascii_isupper(c) && g_ascii_islower(name[i - 1]);
    if (c == '\0' || is_token_delim(c) || camel) {
      if (t && !tok_long) {
        tok[t] = '\0';
        flags |= GPOINTER_TO_UINT(g_hash_table_lookup(hint_table, tok));
      }
      t = 0;
      tok_long = FALSE;
    }
    if (c == '\0')
      break;
    char l = g_ascii_tolower(c);
    if (g_ascii_isalnum(l))
      joined[j++] = l;
    if (!is_token_delim(c)) {
      if (t + 1 < sizeof tok)
        tok[t++] = l;
      else
        tok_long = TRUE; /* longer than any hint */
    }
  }
  joined[j] = '\0';
  if (j == 0)
    return flags;
  if (g_hash_table_contains(pos_names_table, joined))
    flags |= F_POS_STRONG;
  return flags | stem_flags(joined, j);
}

/* Flags from one class or id attribute value (its first 255 bytes). */
static guint
hints_from_names(const char *value)
{
  guint flags = 0;
  gsize n = strnlen(value, 255);
  for (gsize i = 0; i < n;) {
    while (i < n && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n'))
      i++;
    gsize start = i;
    while (i < n && !(value[i] == ' ' || value[i] == '\t' || value[i] == '\n'))
      i++;
    if (i > start)
      flags |= hints_from_class(value + start, i - start);
  }
  return flags;
}

/* ---- SAX state ---- */

typedef struct {
  gint32 parent;
  gint32 last_desc; /* filled after parsing */
  gint32 neg_anc;   /* nearest ancestor-or-self with a believed furniture hint, or -1 */
  guint8 kind;
  guint8 in_neg;   /* inside believed furniture */
  guint8 pos_desc; /* holds an articleBody-like element or <main> */
  guint32 n_children;
  guint16 flags;
  guint8 level; /* heading level */
  float sum;    /* subtree value, fading with distance */
  float raw;    /* subtree value, plain sum */
  float good;   /* subtree words of good prose */
} Node;

typedef struct {
  gint32 node; /* owner: innermost node open when the text was flushed */
  guint32 start, len;
  guint32 link_chars, chars;
  guint32 small_chars; /* characters in small print (<small>, <font size=1|2>) */
  guint8 kind;
  guint8 level;
  guint8 cls;
  guint8 keep;
  guint8 starts_link;
  guint8 hard;   /* furniture by its wording: never kept for its context */
  guint16 flags; /* inherited flags of the owner's ancestors */
  guint words, stopwords, sentence_ends, boiler_strong, boiler_weak, capitalised, commas;
  guint weq; /* length in words, for any script (word_equiv) */
  float value;
} Block;

typedef struct {
  gint32 node; /* the node this element made, or -1 */
  gint32 near; /* the nearest node at or above this element, or -1 */
  guint8 kind;
  guint8 skip;
  guint8 small; /* this element starts small print */
  guint16 inh;  /* inherited flags (this element's included) */
} Frame;

typedef struct {
  GArray *nodes;
  GArray *blocks;
  GArray *stack;
  GString *text; /* all blocks' text, back to back */
  GString *cur;  /* the block being collected */
  guint32 cur_link_chars;
  guint32 cur_small_chars;
  gboolean cur_starts_link; /* the block's first text is link text */
  guint skip_depth;
  guint link_depth;
  guint small_depth;
  guint pre_depth;
  gboolean in_title;
  gboolean space_pending;
  GString *title;
  char *og_title;
  /* Per-document caches: element names (the parser interns them, so the
   * pointer is the key) and the hints of class and id values, which repeat
   * all over a page ("menu-item menu-item-type-post_type"). */
  struct {
    const xmlChar *name;
    const TagInfo *info;
  } tag_cache[64];
  struct {
    guint64 key; /* hash of the value; 0: empty slot */
    guint flags;
  } hint_cache[512];
} Sax;

static const TagInfo *
tag_lookup_cached(Sax *s, const xmlChar *name)
{
  guint slot = (guint)(((guintptr)name >> 4) & 63);
  if (s->tag_cache[slot].name != name) {
    s->tag_cache[slot].name = name;
    s->tag_cache[slot].info = tag_lookup((const char *)name);
  }
  return s->tag_cache[slot].info;
}

static guint
hints_cached(Sax *s, const char *value)
{
  /* FNV-1a, 64 bits: a collision would need two class values of one page
   * to share all 64 bits. */
  guint64 h = 0xcbf29ce484222325u;
  for (const guchar *p = (const guchar *)value; *p; p++)
    h = (h ^ *p) * 0x100000001b3u;
  h |= 1; /* never 0, the empty mark */
  for (guint i = 0, slot = (guint)(h >> 7) & 511; i < 4; i++, slot = (slot + 1) & 511) {
    if (s->hint_cache[slot].key == h)
      return s->hint_cache[slot].flags;
    if (s->hint_cache[slot].key == 0) {
      guint flags = hints_from_names(value);
      s->hint_cache[slot].key = h;
      s->hint_cache[slot].flags = flags;
      return flags;
    }
  }
  return hints_from_names(value); /* a full neighbourhood: no caching */
}

/* O(1) whatever the depth: each frame remembers its nearest node. */
static gint32
top_node(Sax *s)
{
  if (s->stack->len == 0)
    return -1;
  return g_array_index(s->stack, Frame, s->stack->len - 1).near;
}

static guint16
top_inh(Sax *s)
{
  if (s->stack->len == 0)
    return 0;
  return g_array_index(s->stack, Frame, s->stack->len - 1).inh;
}

static void
flush_block(Sax *s)
{
  /* Trim trailing spaces. */
  while (s->cur->len &&
         (s->cur->str[s->cur->len - 1] == ' ' || s->cur->str[s->cur->len - 1] == '\n'))
    g_string_truncate(s->cur, s->cur->len - 1);
  s->space_pending = FALSE;
  if (s->cur->len == 0) {
    s->cur_link_chars = 0;
    s->cur_small_chars = 0;
    s->cur_starts_link = FALSE;
    return;
  }
  gint32 owner = top_node(s);
  Block b = {0};
  b.node = owner;
  b.start = (guint32)s->text->len;
  b.len = (guint32)s->cur->len;
  b.link_chars = s->cur_link_chars;
  b.small_chars = s->cur_small_chars;
  b.starts_link = (guint8)s->cur_starts_link;
  b.flags = top_inh(s);
  if (owner >= 0) {
    const Node *n = &g_array_index(s->nodes, Node, owner);
    b.kind = n->kind;
    b.level = n->level;
  } else {
    b.kind = K_BLOCK;
  }
  g_string_append_len(s->text, s->cur->str, s->cur->len);
  g_array_append_val(s->blocks, b);
  g_string_truncate(s->cur, 0);
  s->cur_link_chars = 0;
  s->cur_small_chars = 0;
  s->cur_starts_link = FALSE;
}

static const char *
attr(const xmlChar **atts, const char *name)
{
  if (!atts)
    return NULL;
  for (guint i = 0; atts[i]; i += 2)
    if (g_ascii_strcasecmp((const char *)atts[i], name) == 0)
      return atts[i + 1] ? (const char *)atts[i + 1] : "";
  return NULL;
}

static guint
element_hints(Sax *s, const xmlChar **atts)
{
  if (!atts)
    return 0;
  guint flags = 0;
  for (guint i = 0; atts[i]; i += 2) {
    const char *name = (const char *)atts[i];
    const char *value = atts[i + 1] ? (const char *)atts[i + 1] : "";
    if (!strcmp(name, "class") || !strcmp(name, "id")) {
      flags |= hints_cached(s, value);
    } else if (!strcmp(name, "role")) {
      if (!g_ascii_strcasecmp(value, "main"))
        flags |= F_MAIN;
      else if (!g_ascii_strcasecmp(value, "article"))
        flags |= F_ARTICLE;
      else if (!g_ascii_strcasecmp(value, "navigation") || !g_ascii_strcasecmp(value, "banner") ||
               !g_ascii_strcasecmp(value, "contentinfo") ||
               !g_ascii_strcasecmp(value, "complementary") || !g_ascii_strcasecmp(value, "menu") ||
               !g_ascii_strcasecmp(value, "menubar") || !g_ascii_strcasecmp(value, "dialog") ||
               !g_ascii_strcasecmp(value, "alertdialog") || !g_ascii_strcasecmp(value, "search") ||
               !g_ascii_strcasecmp(value, "toolbar"))
        flags |= F_NEG;
    } else if (!strcmp(name, "itemprop")) {
      if (strstr(value, "articleBody") || strstr(value, "reviewBody") || !strcmp(value, "text"))
        flags |= F_POS_STRONG;
    } else if (!strcmp(name, "hidden")) {
      flags |= F_HIDDEN;
    } else if (!strcmp(name, "aria-hidden")) {
      if (!g_ascii_strcasecmp(value, "true"))
        flags |= F_HIDDEN;
    } else if (!strcmp(name, "style")) {
      /* display:none / visibility:hidden, spaces allowed around ':'. */
      char low[128];
      gsize j = 0;
      for (const char *p = value; *p && j + 1 < sizeof low; p++)
        if (!g_ascii_isspace(*p))
          low[j++] = g_ascii_tolower(*p);
      low[j] = '\0';
      if (strstr(low, "display:none") || strstr(low, "visibility:hidden"))
        flags |= F_HIDDEN;
    }
  }
  return flags;
}

static void
sax_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
  Sax *s = ctx;
  const char *name = (const char *)xname;
  const TagInfo *ti = tag_lookup_cached(s, xname);
  guint8 kind = ti ? ti->kind : K_INLINE;
  guint flags = ti ? ti->flags : 0;
  Frame f = {.node = -1, .near = top_node(s), .kind = kind, .skip = 0, .inh = top_inh(s)};

  if (s->skip_depth) {
    f.skip = 1;
    s->skip_depth++;
    g_array_append_val(s->stack, f);
    return;
  }
  if (kind == K_META) {
    const char *prop = attr(atts, "property");
    if (!prop)
      prop = attr(atts, "name");
    if (prop && !g_ascii_strcasecmp(prop, "og:title") && !s->og_title) {
      const char *c = attr(atts, "content");
      if (c)
        s->og_title = g_strdup(c);
    }
  }
  if (kind == K_BR) {
    /* Two line breaks in a row end a paragraph; one is a line break. */
    if (s->cur->len && s->cur->str[s->cur->len - 1] == '\n')
      flush_block(s);
    else if (s->cur->len) {
      while (s->cur->len && s->cur->str[s->cur->len - 1] == ' ')
        g_string_truncate(s->cur, s->cur->len - 1);
      g_string_append_c(s->cur, '\n');
      s->space_pending = FALSE;
    }
  }
  /* Elements without content still arrive as start+end pairs. */
  guint hints = element_hints(s, atts);
  /* Hints on <html> and <body> describe the page type, not a region. */
  if (!strcmp(name, "html") || !strcmp(name, "body"))
    hints &= ~(guint)(F_NEG | F_NEG_STRONG | F_POS);
  flags |= hints;
  if (kind == K_SKIP || kind == K_TITLE || (flags & F_HIDDEN)) {
    if (kind == K_TITLE && s->title->len == 0 && !s->in_title) {
      s->in_title = TRUE;
    } else {
      f.skip = 1;
      s->skip_depth = 1;
    }
    g_array_append_val(s->stack, f);
    return;
  }
  if (kind == K_A)
    s->link_depth++;
  /* Fine print: <small>, and <font> one or two sizes under the default. */
  if ((name[0] == 's' && !strcmp(name, "small")) || (name[0] == 'f' && !strcmp(name, "font"))) {
    const char *size = name[0] == 's' ? "1" : attr(atts, "size");
    if (size &&
        (!strcmp(size, "1") || !strcmp(size, "2") || !strcmp(size, "-1") || !strcmp(size, "-2"))) {
      f.small = 1;
      s->small_depth++;
    }
  }
  if (kind == K_PRE)
    s->pre_depth++;
  /* Table cells are separated by a space; a row is a block (data tables read
   * row by row; layout tables hold <p>s that make their own blocks). */
  if (kind == K_CELL)
    s->space_pending = TRUE;
  gboolean is_block =
      kind != K_INLINE && kind != K_A && kind != K_BR && kind != K_META && kind != K_CELL;
  if (is_block)
    flush_block(s);
  if (is_block || (flags & (F_NEG | F_POS | F_POS_STRONG | F_ARTICLE | F_MAIN))) {
    Node n = {0};
    n.parent = top_node(s);
    n.kind = is_block ? kind : K_INLINE;
    n.flags = (guint16)flags;
    n.level = kind == K_H ? (guint8)(name[1] - '0') : 0;
    n.neg_anc = -1;
    f.node = (gint32)s->nodes->len;
    f.near = f.node;
    g_array_append_val(s->nodes, n);
  }
  f.inh |= (guint16)flags;
  g_array_append_val(s->stack, f);
}

static void
sax_end(void *ctx, const xmlChar *name)
{
  Sax *s = ctx;
  if (s->stack->len == 0)
    return;
  Frame f = g_array_index(s->stack, Frame, s->stack->len - 1);
  if (f.skip) {
    if (s->skip_depth)
      s->skip_depth--;
    g_array_set_size(s->stack, s->stack->len - 1);
    return;
  }
  if (f.kind == K_TITLE) {
    s->in_title = FALSE;
    g_array_set_size(s->stack, s->stack->len - 1);
    return;
  }
  if (f.kind == K_A && s->link_depth)
    s->link_depth--;
  if (f.small && s->small_depth)
    s->small_depth--;
  if (f.kind == K_PRE && s->pre_depth)
    s->pre_depth--;
  if (f.kind == K_CELL)
    s->space_pending = TRUE;
  gboolean is_block =
      f.kind != K_INLINE && f.kind != K_A && f.kind != K_BR && f.kind != K_META && f.kind != K_CELL;
  if (is_block)
    flush_block(s);
  g_array_set_size(s->stack, s->stack->len - 1);
}

static void
sax_chars(void *ctx, const xmlChar *ch, int len)
{
  Sax *s = ctx;
  if (s->skip_depth)
    return;
  if (s->in_title) {
    if (s->title->len < 4096)
      g_string_append_len(s->title, (const char *)ch, len);
    return;
  }
  /* Collapse white space (kept as is inside <pre>). */
  GString *cur = s->cur;
  if (cur->len == 0)
    s->cur_starts_link = s->link_depth > 0;
  guint32 added = 0;
  for (int i = 0; i < len; i++) {
    guchar c = ch[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (s->pre_depth && c == '\n') {
        g_string_append_c(cur, '\n');
        s->space_pending = FALSE;
      } else {
        s->space_pending = TRUE;
      }
      continue;
    }
    if (c == 0xC2 && i + 1 < len && ch[i + 1] == 0xA0) { /* no-break space */
      s->space_pending = TRUE;
      i++;
      continue;
    }
    if (s->space_pending && cur->len && cur->str[cur->len - 1] != '\n')
      g_string_append_c(cur, ' ');
    s->space_pending = FALSE;
    g_string_append_c(cur, (char)c);
    if ((c & 0xC0) != 0x80)
      added++;
  }
  if (s->link_depth)
    s->cur_link_chars += added;
  if (s->small_depth)
    s->cur_small_chars += added;
}

static void
sax_ignore_cdata(void *ctx, const xmlChar *ch, int len)
{
}

/* ---- raw text removal before parsing ---- */

/* Search for the ASCII string `pat` (lower case) in [p, end), ignoring case
 * after its first byte, which is matched exactly so that memchr can jump to
 * it: every pattern here starts with '<' or '-'. */
static const char *
find_ci(const char *p, const char *end, const char *pat, gsize n)
{
  for (; (gsize)(end - p) >= n; p++) {
    p = memchr(p, pat[0], (gsize)(end - p) - n + 1);
    if (!p)
      return NULL;
    if (g_ascii_strncasecmp(p, pat, n) == 0)
      return p;
  }
  return NULL;
}

static gboolean
is_name_char(char c)
{
  return g_ascii_isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-';
}

/* The end of the tag that starts at `p` ('<'): one past its '>', with
 * quoted attribute values (a quote right after '=', spaces allowed) stepped
 * over as the parser steps over them; NULL when the tag does not end. */
static const char *
tag_end(const char *p, const char *end)
{
  char quote = 0, last = 0;
  for (p++; p < end; p++) {
    char c = *p;
    if (quote) {
      if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '>')
      return p + 1;
    if ((c == '"' || c == '\'') && last == '=')
      quote = c;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      last = c;
  }
  return NULL;
}

/* Attributes the SAX callbacks read; the parser is handed no others. */
static gboolean
wanted_attribute(const char *name, gsize n)
{
  switch (n) {
  case 2:
    return g_ascii_strncasecmp(name, "id", 2) == 0;
  case 4:
    return g_ascii_strncasecmp(name, "role", 4) == 0 || g_ascii_strncasecmp(name, "name", 4) == 0 ||
           g_ascii_strncasecmp(name, "size", 4) == 0;
  case 5:
    return g_ascii_strncasecmp(name, "class", 5) == 0 || g_ascii_strncasecmp(name, "style", 5) == 0;
  case 6:
    return g_ascii_strncasecmp(name, "hidden", 6) == 0;
  case 7:
    return g_ascii_strncasecmp(name, "content", 7) == 0;
  case 8:
    return g_ascii_strncasecmp(name, "itemprop", 8) == 0 ||
           g_ascii_strncasecmp(name, "property", 8) == 0;
  case 11:
    return g_ascii_strncasecmp(name, "aria-hidden", 11) == 0;
  default:
    return FALSE;
  }
}

static inline gboolean
is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copies the start tag at `r` ('<' and a letter) to `w`, keeping only the
 * wanted attributes (w <= r: the copy runs in place). Attributes are split
 * the way the parser splits them: a name, optionally '=' and a value,
 * quoted (a quote right after '=', spaces allowed) or up to a blank or '>'.
 * Returns the position after the tag, or NULL when the tag does not end
 * (then nothing was written). */
static const char *
copy_start_tag(const char *r, const char *end, char **wp)
{
  const char *te = tag_end(r, end);
  if (!te)
    return NULL;
  char *w = *wp;
  const char *p = r + 1;
  while (p < te && !is_blank(*p) && *p != '>' && *p != '/')
    p++;
  /* '<' and the name. The loop below keeps w <= p. */
  memmove(w, r, (gsize)(p - r));
  w += p - r;
  while (p < te) {
    while (p < te && (is_blank(*p) || (*p == '/' && p + 1 < te && p[1] != '>')))
      p++;
    if (p >= te || *p == '>' || (*p == '/' && p[1] == '>'))
      break;
    const char *name = p;
    while (p < te && !is_blank(*p) && *p != '=' && *p != '>' && !(*p == '/' && p[1] == '>'))
      p++;
    gsize name_len = (gsize)(p - name);
    const char *q = p;
    while (q < te && is_blank(*q))
      q++;
    if (q < te && *q == '=') {
      q++;
      while (q < te && is_blank(*q))
        q++;
      if (q < te && (*q == '"' || *q == '\'')) {
        const char *close = memchr(q + 1, *q, (gsize)(te - q - 1));
        p = close ? close + 1 : te - 1;
      } else {
        p = q;
        while (p < te && !is_blank(*p) && *p != '>')
          p++;
      }
    }
    if (name_len && wanted_attribute(name, name_len)) {
      /* The blank is written only into a gap, so the copy never overtakes
       * what is still to be read ("class=a id=b" needs no blank anyway). */
      if (w < name)
        *w++ = ' ';
      memmove(w, name, (gsize)(p - name));
      w += p - name;
    }
  }
  /* "/>" (not a '/' that ends an unquoted value) or ">". */
  if (p < te && *p == '/')
    *w++ = '/';
  *w++ = '>';
  *wp = w;
  return te;
}

/* Removes, in place, what the page shows no text from and the parser would
 * read one character at a time: the bodies of <script> and <style> (most of
 * a modern page's bytes), comments, and the attributes nothing here reads
 * (href, src, srcset, data-*...). Elements stay as they are, so the parser
 * sees the same tree; a tag's quoted attribute values are stepped over, so
 * "<script" inside one is left alone. Anything unterminated is left as it
 * is for the parser to handle. Linear: each byte is looked at a bounded
 * number of times. Returns the new length. */
static gsize
strip_raw_text(char *buf, gsize len)
{
  const char *r = buf, *end = buf + len;
  char *w = buf;
  /* Once a closing tag is known to be missing from the rest, it is not
   * searched for again: 100,000 unclosed <script>s stay linear. */
  gboolean no_script_close = FALSE, no_style_close = FALSE;
  while (r < end) {
    const char *lt = memchr(r, '<', (gsize)(end - r));
    if (!lt)
      break;
    if (w != r)
      memmove(w, r, (gsize)(lt - r));
    w += lt - r;
    r = lt;
    gsize rest = (gsize)(end - r);
    char c1 = rest > 1 ? r[1] : 0;
    if (c1 == '!' && rest >= 4 && r[2] == '-' && r[3] == '-') {
      const char *close = find_ci(r + 4, end, "-->", 3);
      if (!close)
        break; /* unterminated: left to the parser */
      r = close + 3;
      continue;
    }
    if (g_ascii_isalpha(c1)) {
      const char *raw = NULL;
      gsize raw_len = 0;
      if (rest > 7 && g_ascii_strncasecmp(r + 1, "script", 6) == 0 && !is_name_char(r[7])) {
        raw = "</script";
        raw_len = 8;
      } else if (rest > 6 && g_ascii_strncasecmp(r + 1, "style", 5) == 0 && !is_name_char(r[6])) {
        raw = "</style";
        raw_len = 7;
      }
      char *w0 = w;
      const char *te = copy_start_tag(r, end, &w);
      if (!te)
        break;
      r = te;
      /* <script ... /> has no body. */
      gboolean *missing = raw_len == 8 ? &no_script_close : &no_style_close;
      if (raw && !(w - w0 >= 3 && w[-2] == '/') && !*missing) {
        const char *close = find_ci(r, end, raw, raw_len);
        if (close)
          r = close;
        else
          *missing = TRUE;
      }
      continue;
    }
    if (!(c1 == '/' || c1 == '!' || c1 == '?')) {
      *w++ = *r++; /* a '<' in text */
      continue;
    }
    const char *te = tag_end(r, end);
    if (!te)
      break;
    if (w != r)
      memmove(w, r, (gsize)(te - r));
    w += te - r;
    r = te;
  }
  if (r < end) {
    if (w != r)
      memmove(w, r, (gsize)(end - r));
    w += end - r;
  }
  *w = '\0';
  return (gsize)(w - buf);
}

/* ---- classification ---- */

enum { C_BAD = 0, C_SHORT, C_NEAR, C_GOOD };

static const char *
block_text(const Sax *s, const Block *b)
{
  return s->text->str + b->start;
}

static double
stop_density_good(WnBpLang lang)
{
  /* Our lists differ in size per language; prose runs about 0.35-0.5. */
  return lang == WN_BP_LANG_DE ? 0.22 : 0.25;
}

/* Marks the shared scan does not count: sentence ends and clause commas of
 * scripts other than Latin (！？ ؟ ۔ । ; ...), and characters of scripts
 * written without spaces between words (Chinese, Japanese, Thai...), where a
 * "word" of the scan is a whole clause. ASCII is skipped eight bytes at a time:
 * Western pages pay next to nothing. */
static void
script_marks(const char *t, gsize len, guint *ends, guint *commas, guint *unspaced)
{
  const guchar *p = (const guchar *)t, *end = p + len;
  gboolean greek = FALSE;
  guint greek_q = 0;
  while (p < end) {
    while (end - p >= 8) {
      guint64 w;
      memcpy(&w, p, 8);
      if (w & 0x8080808080808080u)
        break;
      p += 8;
    }
    if (p >= end)
      break;
    guchar c = *p;
    if (c < 0x80) {
      /* The Greek question mark is mostly typed as ';'. */
      if (c == ';' && (p + 1 == end || p[1] == ' ' || p[1] == '\n'))
        greek_q++;
      p++;
      continue;
    }
    gunichar u = g_utf8_get_char((const char *)p);
    p = (const guchar *)g_utf8_next_char((const char *)p);
    if (u < 0x0370)
      continue;
    if (u <= 0x03FF) {
      greek = TRUE;
      if (u == 0x037E)
        (*ends)++;
      continue;
    }
    switch (u) {
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF0E: /* ． */
    case 0x061F: /* Arabic question mark */
    case 0x06D4: /* Urdu full stop */
    case 0x0964: /* Devanagari danda */
    case 0x0965:
    case 0x0589: /* Armenian full stop */
    case 0x1362: /* Ethiopic full stop */
    case 0x104B: /* Myanmar section mark */
    case 0x17D4: /* Khmer khan */
      (*ends)++;
      continue;
    case 0xFF0C: /* ， */
    case 0x3001: /* 、 */
    case 0x060C: /* Arabic comma */
    case 0xFF1B: /* ； */
    case 0x061B: /* Arabic semicolon */
      (*commas)++;
      continue;
    default:
      break;
    }
    if (wn_bp_unichar_unspaced(u))
      (*unspaced)++;
  }
  if (greek)
    *ends += greek_q;
}

/* The block's length in words, for any script: in scripts written without
 * spaces about two characters make a word. */
static guint
word_equiv(guint words, guint chars, guint unspaced)
{
  return MAX(words + unspaced / 2, chars / 6);
}

/* A line of publication data in any language: a numeric date (12.01.2026,
 * 05/10/2018, 2026-03-12) and "label:" fields, three or more ("Publicado
 * por: ... - Categoria: ... - Tags: ...", "来源：... 作者：... 编辑：..."), or two
 * after a date that opens the line. Event details in a story ("Date: ...,
 * Place: ...") open with a label and are left alone. */
static gboolean
metadata_line(const char *t, gsize len)
{
  gboolean date = FALSE, date_first = FALSE;
  guint labels = 0;
  for (gsize i = 0; i < len; i++) {
    guchar c = (guchar)t[i];
    if (c == ':' && i > 0 && !g_ascii_isdigit(t[i - 1]))
      labels++;
    else if (c == 0xEF && i + 2 < len && (guchar)t[i + 1] == 0xBC && (guchar)t[i + 2] == 0x9A)
      labels++; /* U+FF1A fullwidth colon */
    if (!date && g_ascii_isdigit(c) && (i == 0 || !g_ascii_isdigit(t[i - 1]))) {
      /* Three digit groups joined by one and the same separator. */
      gsize j = i, groups = 0;
      char sep = 0;
      while (j < len) {
        gsize k = j;
        while (k < len && g_ascii_isdigit(t[k]) && k - j < 4)
          k++;
        if (k == j)
          break;
        groups++;
        if (groups == 3 || k >= len || !(t[k] == '.' || t[k] == '/' || t[k] == '-') ||
            (sep && t[k] != sep))
          break;
        sep = t[k];
        j = k + 1;
      }
      date = groups == 3;
      date_first = date && i < 4;
    }
  }
  return date && (labels >= 3 || (labels >= 2 && date_first));
}

/* Classifies every block with the stopword bar `sd_good` (0: none). */
static void
classify_with_bar(Sax *s, double sd_good, guint minw)
{
  guint64 good_words = 0, small_good = 0;
  for (guint i = 0; i < s->blocks->len; i++) {
    Block *b = &g_array_index(s->blocks, Block, i);
    guint words = b->weq;
    double ld = MIN(1.0, (double)b->link_chars / b->chars);
    double sd = words ? (double)b->stopwords / words : 0;
    double boiler = words ? (2.0 * b->boiler_strong + 0.5 * b->boiler_weak) / words : 0;
    gboolean sentence = b->sentence_ends > 0 || b->commas > 0;
    b->hard = 0;
    if (ld > 0.5 || (words < 12 && ld > 0.3))
      b->cls = C_BAD;
    else if (b->words <= 30 && wn_bp_furniture_phrase(block_text(s, b), b->len, b->words))
      b->cls = C_BAD, b->hard = 1;
    /* Teasers: a linked headline followed by its summary. */
    else if (b->starts_link &&
             (ld >= 0.3 || (b->kind == K_LI && ld >= 0.15 && b->sentence_ends <= 1)))
      b->cls = C_BAD;
    else if (b->boiler_strong > 0 && (boiler > 0.12 || words < 12))
      b->cls = C_BAD, b->hard = 1;
    else if (b->words <= 30 && b->sentence_ends == 0 && metadata_line(block_text(s, b), b->len))
      b->cls = C_BAD, b->hard = 1;
    else if (words < minw)
      b->cls = C_SHORT;
    else if (words >= 10 && sd >= sd_good && ld < 0.3 && (sentence || words >= 25))
      b->cls = C_GOOD;
    /* Prose with many inline links (news round-ups, blogs): whole sentences. */
    else if (words >= 20 && sd >= sd_good && ld < 0.5 && b->sentence_ends > 0)
      b->cls = C_GOOD;
    else if (sd >= sd_good * 0.6 && ld < 0.4)
      b->cls = C_NEAR;
    else
      b->cls = words < 2 * minw ? C_SHORT : C_BAD;
    if (b->cls == C_GOOD) {
      good_words += words;
      if (b->small_chars * 2 > b->chars)
        small_good += words;
    }
  }
  /* Fine print (a subscription note, a legal line under the story) is not
   * the article's prose, unless the page sets its prose in it (old sites
   * put all their text in <font size=2>): then it says nothing. */
  if (small_good * 2 < good_words)
    for (guint i = 0; i < s->blocks->len; i++) {
      Block *b = &g_array_index(s->blocks, Block, i);
      if (b->small_chars * 2 > b->chars && b->cls >= C_NEAR)
        b->cls = C_SHORT;
    }
}

/* Classifies the blocks; `bar` receives the stopword bar used. Returns the
 * language of the stopwords used, or AUTO when `lang` was AUTO and none of
 * our lists fits the page. */
static WnBpLang
classify_blocks(Sax *s, WnBpLang lang, const WnBpConfig *cfg, double *bar)
{
  gboolean guessed = lang == WN_BP_LANG_AUTO;
  /* First the statistics (one scan per block; the language, when guessed,
   * comes from the stopword counts of all blocks), and how much of the page's
   * prose our stopword lists cover: pages in other languages (Russian,
   * Chinese, Polish...) get little or no stopword evidence and are judged on
   * length, punctuation and links. */
  guint64 counts[WN_BP_N_LANGS] = {0};
  guint8(*any)[WN_BP_N_LANGS] = g_malloc(sizeof *any * (s->blocks->len + 1));
  for (guint i = 0; i < s->blocks->len; i++) {
    Block *b = &g_array_index(s->blocks, Block, i);
    WnBpStats st;
    const char *t = block_text(s, b);
    wn_bp_scan(t, b->len, WN_BP_LANG_AUTO, &st);
    guint ends = 0, commas = 0, unspaced = 0;
    script_marks(t, b->len, &ends, &commas, &unspaced);
    b->words = st.words;
    b->sentence_ends = st.sentence_ends + ends;
    b->boiler_strong = st.boiler_strong;
    b->boiler_weak = st.boiler_weak;
    b->capitalised = st.capitalised;
    b->commas = st.commas + commas;
    b->chars = MAX(st.chars, 1);
    b->weq = word_equiv(st.words, st.chars, unspaced);
    for (int l = 0; l < WN_BP_N_LANGS; l++) {
      counts[l] += st.stop_any[l];
      any[i][l] = (guint8)MIN(st.stop_any[l], 255u);
    }
  }
  if (lang == WN_BP_LANG_AUTO)
    lang = wn_bp_language_from_counts(counts);
  /* The stopword share of the page's prose, judged without stopwords: blocks
   * of some length, with sentence punctuation and few links. */
  guint64 long_words = 0, long_stops = 0, prose_words = 0, prose_stops = 0;
  for (guint i = 0; i < s->blocks->len; i++) {
    Block *b = &g_array_index(s->blocks, Block, i);
    b->stopwords = any[i][lang];
    if (b->weq >= 10 && b->link_chars * 4 < b->chars) {
      long_words += b->weq;
      long_stops += b->stopwords;
      if (b->weq >= 15 && b->link_chars * 10 < b->chars && b->sentence_ends > 0 &&
          b->boiler_strong == 0) {
        prose_words += b->weq;
        prose_stops += b->stopwords;
      }
    }
  }
  g_free(any);
  double doc_ratio = long_words ? (double)long_stops / (double)long_words : 0.4;
  double prose_ratio = prose_words ? (double)prose_stops / (double)prose_words : doc_ratio;
  /* Prose runs at 0.35-0.5 stopwords with our lists. A page whose prose
   * scores under 0.12 is in a language we have no list for (Russian, Chinese,
   * Arabic...) or one that merely shares a few short words with a listed one
   * (Polish "na", "do", "a" look Portuguese): the stopword bar is dropped for
   * it. Otherwise the bar follows the page's own prose, so a page that our
   * lists cover thinly (dialect, jargon, headlines) is not held to the
   * general bar. The share is taken over sentence-like blocks, not over all
   * long text: a page heavy with furniture must not lower it. */
  double sd_scale = prose_ratio < 0.12 ? 0.0 : 1.0;
  double sd_cap = 0.6 * prose_ratio;
  *bar = MIN(stop_density_good(lang), sd_cap) * sd_scale;
  classify_with_bar(s, *bar, (guint)MAX(cfg->min_paragraph_words, 1));
  /* A guess is only reported when the lists fit the page's text: not its
   * prose nor its other long text (a terse English sentence among English
   * furniture is still English). */
  if (guessed && sd_scale == 0 && prose_words > 0 && doc_ratio < 0.12)
    return WN_BP_LANG_AUTO;
  return lang;
}

/* How much of a box's value reaches its parent when the parent holds other
 * boxes too (wrappers with one child pass everything on). */
#define SUM_DECAY 0.7f

/* Subtree sums: nodes were created in document order, so every child has a
 * larger index than its parent and one backward pass adds children to parents.
 * `values` FALSE sums good words, TRUE sums block values. */
static void
sum_subtrees(Sax *s, gboolean values)
{
  Node *nodes = (Node *)s->nodes->data;
  guint n = s->nodes->len;
  for (guint i = 0; i < n; i++) {
    if (values) {
      nodes[i].sum = 0;
      nodes[i].raw = 0;
    } else {
      nodes[i].good = 0;
      nodes[i].pos_desc = (nodes[i].flags & (F_POS_STRONG | F_MAIN)) != 0;
      nodes[i].n_children = 0;
    }
    nodes[i].last_desc = (gint32)i;
  }
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &g_array_index(s->blocks, Block, i);
    if (b->node < 0)
      continue;
    if (values) {
      nodes[b->node].sum += b->value;
      nodes[b->node].raw += b->value;
    } else if (b->cls == C_GOOD)
      nodes[b->node].good += (float)b->words;
  }
  for (guint i = n; i > 0; i--) {
    Node *c = &nodes[i - 1];
    if (c->parent >= 0) {
      Node *p = &nodes[c->parent];
      if (values) {
        /* Value reaching an ancestor fades with distance: the article's
         * paragraphs sit close together under one element, while prose in
         * teaser cards lies deep in separate boxes. */
        p->sum += p->n_children > 1 ? c->sum * SUM_DECAY : c->sum;
        p->raw += c->raw;
      } else {
        p->good += c->good;
        p->pos_desc |= c->pos_desc;
        p->n_children++;
      }
      p->last_desc = MAX(p->last_desc, c->last_desc);
    }
  }
}

/* Which furniture hints to believe: specific ones always, layout ones only
 * on elements holding less than half the page's prose. An articleBody-like
 * element inside believed furniture starts afresh. Parents come first. */
static void
resolve_hints(Sax *s)
{
  Node *nodes = (Node *)s->nodes->data;
  float total = 0;
  for (guint i = 0; i < s->nodes->len; i++)
    if (nodes[i].parent < 0)
      total += nodes[i].good;
  for (guint i = 0; i < s->nodes->len; i++) {
    Node *nd = &nodes[i];
    /* An element that calls itself the article body is not furniture, whatever
     * else its classes say ("entry-content has-share-bar"). */
    gboolean strong = (nd->flags & F_NEG_STRONG) && !((nd->flags & F_TAG_NEG) && nd->pos_desc);
    gboolean neg = (nd->flags & F_NEG) && !(nd->flags & F_POS_STRONG) &&
                   (strong || nd->good < 0.5f * total || total == 0);
    const Node *p = nd->parent >= 0 ? &nodes[nd->parent] : NULL;
    gboolean inh = p ? p->in_neg : FALSE;
    gint32 anc = p ? p->neg_anc : -1;
    if ((nd->flags & F_POS_STRONG) && !neg) {
      inh = FALSE;
      anc = -1;
    }
    nd->in_neg = neg || inh;
    nd->neg_anc = neg ? (gint32)i : anc;
  }
}

/* Teaser cards: a list of three or more sibling boxes, each a linked
 * headline with a line or two of summary ("Most popular", "More on this"
 * grids), is recirculation whatever the language and whatever the class
 * names say. Their summaries read like prose, so they are marked as link
 * text would be. Runs before the subtree sums. */
static void
mark_teaser_cards(Sax *s)
{
  guint n = s->nodes->len;
  if (n == 0)
    return;
  Node *nodes = (Node *)s->nodes->data;
  Block *blocks = (Block *)s->blocks->data;
  typedef struct {
    guint32 links, texts, text_words, first_is_link;
  } Agg;
  g_autofree Agg *agg = g_new0(Agg, n);
  g_autofree guint32 *kids = g_new0(guint32, n);
  g_autofree guint32 *card_kids = g_new0(guint32, n);
  g_autofree guint8 *card = g_new0(guint8, n);
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &blocks[i];
    if (b->node < 0 || b->words == 0)
      continue;
    Agg *a = &agg[b->node];
    if (b->link_chars * 10 >= b->chars * 8) {
      if (a->links + a->texts == 0)
        a->first_is_link = 1;
      a->links++;
    } else {
      a->texts++;
      a->text_words += b->weq;
    }
  }
  /* Children come after their parent: one backward pass sums subtrees. (A
   * block of the parent's own before its children is not taken as first.) */
  for (guint i = n; i-- > 0;) {
    const Agg *a = &agg[i];
    card[i] = a->first_is_link && a->links >= 1 && a->links <= 3 && a->texts >= 1 &&
              a->texts <= 2 && a->text_words <= 40;
    gint32 p = nodes[i].parent;
    if (p < 0)
      continue;
    Agg *pa = &agg[p];
    /* Children arrive last to first: the last one seen is the first. */
    if (a->links + a->texts > 0)
      pa->first_is_link = a->first_is_link;
    pa->links += a->links;
    pa->texts += a->texts;
    pa->text_words += a->text_words;
    if (a->links + a->texts > 0)
      kids[p]++;
    if (card[i])
      card_kids[p]++;
  }
  /* Cards of a card list, and everything inside them (parents first). */
  g_autofree guint8 *in_card = g_new0(guint8, n);
  gboolean any = FALSE;
  for (guint i = 0; i < n; i++) {
    gint32 p = nodes[i].parent;
    gboolean listed = p >= 0 && card[i] && card_kids[p] >= 3 && card_kids[p] * 3 >= kids[p] * 2;
    in_card[i] = listed || (p >= 0 && in_card[p]);
    any |= in_card[i];
  }
  if (!any)
    return;
  for (guint i = 0; i < s->blocks->len; i++) {
    Block *b = &blocks[i];
    if (b->node >= 0 && in_card[b->node] && b->cls >= C_NEAR)
      b->cls = C_BAD;
  }
}

/* Is some block of good prose outside believed furniture? */
static gboolean
good_outside_furniture(const Sax *s)
{
  const Node *nodes = (const Node *)s->nodes->data;
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &g_array_index(s->blocks, Block, i);
    if (b->cls == C_GOOD && (b->node < 0 || !nodes[b->node].in_neg))
      return TRUE;
  }
  return FALSE;
}

static void
value_blocks(Sax *s)
{
  const Node *nodes = (const Node *)s->nodes->data;
  for (guint i = 0; i < s->blocks->len; i++) {
    Block *b = &g_array_index(s->blocks, Block, i);
    guint words = b->weq;
    double ld = MIN(1.0, (double)b->link_chars / b->chars);
    float v;
    switch (b->cls) {
    case C_GOOD:
      v = (float)(words * (1.0 - ld));
      break;
    case C_NEAR:
      v = (float)(0.3 * words);
      break;
    case C_SHORT:
      v = b->kind == K_H ? 0.0f : -0.5f;
      break;
    default:
      /* Link lists count fully against; long unlinked text without prose
       * (addresses, recipes, lists of names) only a little. */
      v = -(float)MIN(words, 200u) * (ld > 0.5 ? 1.0f : (float)(0.15 + ld));
      break;
    }
    if (b->node >= 0 && nodes[b->node].in_neg)
      v = v > 0 ? v * 0.25f : v * 1.5f;
    if (b->flags & F_CAPTION)
      v = v > 0 ? v * 0.3f : v;
    if (b->flags & F_POS_STRONG)
      v = v > 0 ? v * 1.6f : v * 0.5f;
    else if (b->flags & (F_ARTICLE | F_MAIN | F_POS))
      v = v > 0 ? v * 1.15f : v;
    b->value = v;
  }
}

static gint32
choose_container(Sax *s)
{
  const Node *nodes = (const Node *)s->nodes->data;
  gint32 best = -1;
  float best_score = 0;
  for (guint i = 0; i < s->nodes->len; i++) {
    float sc = nodes[i].sum;
    if (nodes[i].flags & F_POS_STRONG)
      sc *= 1.1f;
    /* Ties go to the deeper element: it holds the same content, less else. */
    if (best < 0 || sc >= best_score) {
      best = (gint32)i;
      best_score = sc;
    }
  }
  /* A lone paragraph can outscore its own <article> or <main> (the fading sum
   * weighs a short article's other paragraphs little): when the best is a
   * single block, the nearest semantic element above it is the container,
   * unless what it adds nets negative (unfaded sums: furniture inside it). */
  gboolean lone_block = best >= 0 && nodes[best].n_children == 0;
  for (gint32 up = lone_block ? nodes[best].parent : -1, steps = 0; up >= 0 && steps < 8;
       up = nodes[up].parent, steps++) {
    if ((nodes[up].flags & (F_ARTICLE | F_MAIN | F_POS_STRONG)) && !nodes[up].in_neg &&
        nodes[up].raw >= nodes[best].raw) {
      best = up;
      break;
    }
  }
  return best;
}

/* Is the block inside a furniture element that lies within the container?
 * A furniture hint on an element that holds most of the container's prose is
 * taken to be wrong ("comments-enabled" on the article wrapper). */
static gboolean
in_furniture(const Sax *s, const Block *b, gint32 container)
{
  const Node *nodes = (const Node *)s->nodes->data;
  if (b->node < 0)
    return FALSE;
  gint32 m = nodes[b->node].neg_anc;
  float cgood = nodes[container].good;
  for (guint steps = 0; m > container && steps < 64; steps++) {
    if (nodes[m].good < 0.5f * cgood || cgood == 0)
      return TRUE;
    gint32 p = nodes[m].parent;
    m = p >= 0 ? nodes[p].neg_anc : -1;
  }
  return FALSE;
}

/* Compares two ASCII texts with white space collapsed and ends trimmed,
 * ignoring case: 1 same, 0 different, -1 undecided (a non-ASCII byte where
 * they differ: the full comparison decides). No allocation: most kept
 * blocks differ from the title in their first letters. */
static int
same_ascii_text(const char *a, gsize alen, const char *b)
{
  const char *ae = a + alen;
  while (a < ae && g_ascii_isspace(*a))
    a++;
  while (*b && g_ascii_isspace(*b))
    b++;
  for (;;) {
    gboolean sa = a < ae && g_ascii_isspace(*a), sb = g_ascii_isspace(*b);
    while (a < ae && g_ascii_isspace(*a))
      a++;
    while (g_ascii_isspace(*b))
      b++;
    gboolean enda = a >= ae, endb = *b == '\0';
    /* Where one side ends or has a space and the other goes on, a non-ASCII
     * character there may be a Unicode space (U+3000, U+2009...) that the
     * full comparison collapses or trims: undecided. */
    if (enda && endb)
      return 1;
    if (enda || endb)
      return (guchar) * (enda ? b : a) >= 0x80 ? -1 : 0;
    guchar ca = (guchar)*a, cb = (guchar)*b;
    if (sa != sb)
      return ca >= 0x80 || cb >= 0x80 ? -1 : 0;
    if (ca >= 0x80 || cb >= 0x80) {
      /* Two different non-ASCII characters differ, unless one may be a
       * Unicode space (lead bytes C2, E1, E2, E3) the full comparison
       * collapses. */
      if (ca != cb)
        return ca < 0x80 || cb < 0x80 || ca == 0xC2 || cb == 0xC2 || (ca >= 0xE1 && ca <= 0xE3) ||
                       (cb >= 0xE1 && cb <= 0xE3)
                   ? -1
                   : 0;
    } else if (g_ascii_tolower(ca) != g_ascii_tolower(cb)) {
      return 0;
    }
    a++;
    b++;
  }
}

static gboolean
same_text(const char *a, gsize alen, const char *b)
{
  int quick = same_ascii_text(a, alen, b);
  if (quick >= 0)
    return quick == 1;
  g_autofree char *x = wn_bp_collapse_space(a, (gssize)alen);
  g_autofree char *y = wn_bp_collapse_space(b, -1);
  return g_utf8_collate(x, y) == 0 || g_ascii_strcasecmp(x, y) == 0;
}

/* The content: the chosen element plus those of its siblings that carry
 * clear value of their own (articles split into several boxes). */
static gint
cmp_gint32(gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *)a, y = *(const gint32 *)b;
  return x < y ? -1 : x > y;
}

/* Whether the subtree of node j opens with a comment-section heading
 * ("Comentários", "Комментарии (12)"): a box of readers' comments holds
 * prose, but not the article's. `first` (made on first use) maps each node
 * to its first block; the boxes asked about are disjoint, so the scans of
 * their nodes add up to the node count. */
static gboolean
opens_with_comments(const Sax *s, gint32 j, gint32 **first)
{
  const Node *nodes = (const Node *)s->nodes->data;
  const Block *blocks = (const Block *)s->blocks->data;
  if (!*first) {
    *first = g_new(gint32, s->nodes->len + 1);
    for (guint k = 0; k < s->nodes->len; k++)
      (*first)[k] = G_MAXINT32;
    for (guint i = s->blocks->len; i > 0; i--)
      if (blocks[i - 1].node >= 0)
        (*first)[blocks[i - 1].node] = (gint32)(i - 1);
  }
  gint32 at = G_MAXINT32;
  for (gint32 k = j; k <= nodes[j].last_desc; k++)
    at = MIN(at, (*first)[k]);
  if (at == G_MAXINT32)
    return FALSE;
  const Block *b = &blocks[at];
  return b->words <= 8 && wn_bp_comments_heading(block_text(s, b), b->len);
}

static GArray *
content_roots(const Sax *s, gint32 container)
{
  GArray *roots = g_array_new(FALSE, FALSE, sizeof(gint32));
  if (container < 0)
    return roots;
  g_array_append_val(roots, container);
  const Node *nodes = (const Node *)s->nodes->data;
  float cv = nodes[container].sum;
  g_autofree gint32 *first_block = NULL;
  /* Two levels up: boxes next to the content's branch that hold prose of
   * their own, close under their top (the fading sum stays high). */
  gint32 branch = container;
  for (int level = 0; level < 2;) {
    gint32 parent = nodes[branch].parent;
    if (parent < 0)
      break;
    if (nodes[parent].n_children < 2) {
      branch = parent; /* a mere wrapper */
      continue;
    }
    level++;
    /* The boxes right before and after the branch (a lead paragraph above
     * the body) need less. After the branch, boxes without prose (a share
     * bar, an image, a date line) do not separate a box from it: the body
     * goes on below them. */
    gint32 prose_after = G_MAXINT32;
    for (gint32 j = nodes[branch].last_desc + 1; j <= nodes[parent].last_desc;
         j = nodes[j].last_desc + 1)
      if (nodes[j].good > 0) {
        prose_after = j;
        break;
      }
    for (gint32 j = parent + 1; j <= nodes[parent].last_desc; j = nodes[j].last_desc + 1) {
      gboolean adjacent =
          level == 1 && (j == nodes[branch].last_desc + 1 || nodes[j].last_desc + 1 == branch ||
                         (j > branch && j <= prose_after));
      if (j != branch && !nodes[j].in_neg && !(nodes[j].flags & F_NEG) &&
          (adjacent ? nodes[j].sum > 10.0f && (nodes[j].good >= 18.0f || nodes[j].sum > 20.0f)
                    : nodes[j].sum > MAX(10.0f, 0.25f * cv)) &&
          !opens_with_comments(s, j, &first_block))
        g_array_append_val(roots, j);
    }
    branch = parent;
  }
  g_array_sort(roots, cmp_gint32);
  return roots;
}

/* The root holding `node`: roots are disjoint subtrees, sorted, and each
 * covers the index range [root, last_desc], so a binary search finds it. */
static gint32
root_of(const Sax *s, const GArray *roots, gint32 node)
{
  const Node *nodes = (const Node *)s->nodes->data;
  const gint32 *r = (const gint32 *)roots->data;
  guint lo = 0, hi = roots->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if (r[mid] <= node)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return -1;
  gint32 c = r[lo - 1];
  return node <= nodes[c].last_desc ? c : -1;
}

static void
select_blocks(Sax *s, gint32 container, const WnBpConfig *cfg)
{
  Block *blocks = (Block *)s->blocks->data;
  guint n = s->blocks->len;
  g_autoptr(GArray) roots = content_roots(s, container);
  /* First pass: what the block's own evidence says, -1 for undecided. */
  g_autofree gint8 *dec = g_new0(gint8, n);
  for (guint i = 0; i < n; i++) {
    Block *b = &blocks[i];
    dec[i] = 0;
    gint32 root = b->node >= 0 ? root_of(s, roots, b->node) : -1;
    if (root < 0)
      continue;
    if (in_furniture(s, b, root))
      continue;
    if (b->words == 0)
      continue; /* "###", "* * *": nothing to read */
    if (b->kind == K_CAPTION || (b->flags & F_CAPTION)) {
      if (cfg->favor == WN_BP_FAVOR_RECALL && b->cls >= C_NEAR)
        dec[i] = 1;
      continue;
    }
    switch (b->cls) {
    case C_GOOD:
      dec[i] = 1;
      break;
    case C_NEAR:
      dec[i] = cfg->favor == WN_BP_FAVOR_PRECISION ? -1 : 1;
      break;
    case C_SHORT:
      dec[i] = -1;
      break;
    default:
      /* Inside an element that calls itself the article body, lists and
       * data (product lists, tour dates) stay between kept prose. */
      dec[i] = (cfg->favor != WN_BP_FAVOR_PRECISION || (b->flags & F_POS_STRONG)) && !b->hard &&
                       b->link_chars * 2 < b->chars
                   ? -1
                   : 0;
      break;
    }
    if (dec[i] != 0 && b->boiler_strong > 0 && b->words < 15)
      dec[i] = 0;
  }
  /* Context: an undecided block (a short line, a list item, a data line)
   * stays next to kept prose: on both sides when favouring precision, on
   * either side otherwise (the first or last line of a list touches prose on
   * one side only). Headings look forward only: they introduce what follows. */
  /* The nearest decided block on each side, found in two linear passes. */
  g_autofree gint8 *next_dec = g_new0(gint8, n + 1);
  gint8 seen = 0;
  for (guint i = n; i > 0; i--) {
    next_dec[i - 1] = seen;
    if (dec[i - 1] != -1)
      seen = dec[i - 1];
  }
  gint8 prev_seen = 0;
  for (guint i = 0; i < n; i++) {
    gint prev = prev_seen, next = next_dec[i];
    if (dec[i] != -1) {
      prev_seen = dec[i];
      continue;
    }
    if (blocks[i].kind == K_H)
      blocks[i].keep = next == 1;
    else if (cfg->favor == WN_BP_FAVOR_PRECISION)
      blocks[i].keep = prev == 1 && next == 1;
    else
      blocks[i].keep = prev == 1 || next == 1;
  }
  for (guint i = 0; i < n; i++)
    if (dec[i] != -1)
      blocks[i].keep = dec[i] == 1;
  /* Comments end the article: after kept prose, a heading (no link) that
   * opens a comment section ("Comentários", "Комментарии (3)", "コメント")
   * drops all that follows, however much it reads like prose. */
  gboolean kept_before = FALSE;
  for (guint i = 0; i < n; i++) {
    const Block *b = &blocks[i];
    if (kept_before && b->kind == K_H && b->words <= 8 && b->link_chars == 0 &&
        wn_bp_comments_heading(block_text(s, b), b->len)) {
      for (guint j = i; j < n; j++)
        blocks[j].keep = 0;
      break;
    }
    kept_before |= b->keep && b->cls == C_GOOD;
  }
}

static char *
assemble(Sax *s, const char *title, const WnBpConfig *cfg)
{
  GString *out = g_string_new(NULL);
  const Block *blocks = (const Block *)s->blocks->data;
  const Node *nodes = (const Node *)s->nodes->data;
  gboolean first = TRUE;
  if (cfg->keep_title && title && *title) {
    g_string_append(out, title);
    first = FALSE;
  }
  gint32 prev_parent = -2;
  guint8 prev_kind = 0;
  gsize title_len = title ? strlen(title) : 0;
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &blocks[i];
    if (!b->keep)
      continue;
    const char *t = block_text(s, b);
    gsize len = b->len;
    /* The title is given once: at the top when kept, never when not. */
    if (title && b->words < 40 && len < 2 * title_len + 8 && 2 * len + 8 > title_len &&
        same_text(t, len, title))
      continue;
    /* A headline set in bold above a byline, <br> between, makes one block
     * that opens with the title: the title line goes, and so does the rest
     * when it is shorter than a sentence (the byline, a date). */
    const char *nl = title ? memchr(t, '\n', len) : NULL;
    if (nl && (gsize)(nl - t) < 2 * title_len + 8 && same_text(t, (gsize)(nl - t), title)) {
      while (nl < t + len && (*nl == '\n' || *nl == ' '))
        nl++;
      len -= (gsize)(nl - t);
      t = nl;
      WnBpStats st;
      wn_bp_scan(t, len, WN_BP_LANG_AUTO, &st);
      if (len == 0 || (st.words < (guint)MAX(cfg->min_paragraph_words, 1) && st.sentence_ends == 0))
        continue;
    }
    gint32 parent = b->node >= 0 ? nodes[b->node].parent : -1;
    if (!first)
      g_string_append(out, b->kind == K_LI && prev_kind == K_LI && parent == prev_parent ? "\n"
                                                                                         : "\n\n");
    g_string_append_len(out, t, len);
    first = FALSE;
    prev_parent = parent;
    prev_kind = b->kind;
  }
  return g_string_free(out, FALSE);
}

static char *
first_heading(const Sax *s, gint32 container)
{
  const Block *blocks = (const Block *)s->blocks->data;
  const Node *nodes = (const Node *)s->nodes->data;
  const char *any = NULL;
  gsize any_len = 0;
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &blocks[i];
    if (b->kind != K_H || b->level != 1 || b->words == 0 || b->words > 40)
      continue;
    /* Prefer the h1 in (or just before) the content. */
    if (container >= 0 && b->node >= container && b->node <= nodes[container].last_desc)
      return wn_bp_collapse_space(block_text(s, b), b->len);
    if (!any) {
      any = block_text(s, b);
      any_len = b->len;
    }
  }
  return any ? wn_bp_collapse_space(any, (gssize)any_len) : NULL;
}

static GArray *content_roots(const Sax *s, gint32 container);

/* WN_BP_DEBUG=1 prints every block with its evidence to stderr (for tuning). */
static void
debug_dump(const Sax *s, gint32 container)
{
  const Node *nodes = (const Node *)s->nodes->data;
  g_autoptr(GArray) roots = content_roots(s, container);
  for (guint k = 0; k < roots->len; k++)
    g_printerr("root %d\n", g_array_index(roots, gint32, k));
  g_printerr("container node %d (sum %.1f, flags %x)\n", container,
             container >= 0 ? nodes[container].sum : 0.0,
             container >= 0 ? nodes[container].flags : 0);
  const char *chain = g_getenv("WN_BP_DEBUG_NODE");
  for (gint32 m = chain ? atoi(chain) : -1; m >= 0 && m < (gint32)s->nodes->len;
       m = nodes[m].parent)
    g_printerr("  node %d kind %d flags %x in_neg %d good %.0f sum %.1f\n", m, nodes[m].kind,
               nodes[m].flags, nodes[m].in_neg, nodes[m].good, nodes[m].sum);
  for (guint i = 0; i < s->blocks->len; i++) {
    const Block *b = &g_array_index(s->blocks, Block, i);
    g_printerr("%c node=%d k=%d cls=%d v=%6.1f w=%u sw=%u ld=%.2f fl=%x | %.*s\n",
               b->keep ? '+' : '-', b->node, b->kind, b->cls, b->value, b->words, b->stopwords,
               (double)b->link_chars / MAX(b->chars, 1), b->flags, (int)MIN(b->len, 90u),
               block_text(s, b));
  }
}

/* WN_BP_NOSTRIP=1 hands the parser the page as it came, to check that the
 * raw-text pre-pass changes no output. Read once, not per document. */
static gboolean
strip_disabled(void)
{
  static gsize once = 0;
  static gboolean disabled = FALSE;
  if (g_once_init_enter(&once)) {
    disabled = g_getenv("WN_BP_NOSTRIP") != NULL;
    g_once_init_leave(&once, 1);
  }
  return disabled;
}

gboolean
wn_bp_extract_html(const char *data, gsize len, const WnBpConfig *cfg, WnBpResult *res,
                   GError **error)
{
  wn_bp_html_global_init();
  memset(res, 0, sizeof *res);
  if (len > G_MAXINT32 - 1) {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "the page is %" G_GSIZE_FORMAT " bytes, over the 2 GiB the HTML parser takes; "
                "split it or drop it",
                len);
    return FALSE;
  }
  gsize ulen = 0;
  g_autofree char *utf8 = wn_bp_to_utf8(data, len, &ulen, &res->charset);
  if (!strip_disabled())
    ulen = strip_raw_text(utf8, ulen);

  Sax s = {0};
  s.nodes = g_array_sized_new(FALSE, FALSE, sizeof(Node), 1024);
  s.blocks = g_array_sized_new(FALSE, FALSE, sizeof(Block), 512);
  s.stack = g_array_sized_new(FALSE, FALSE, sizeof(Frame), 64);
  s.text = g_string_sized_new(ulen / 4 + 64);
  s.cur = g_string_sized_new(1024);
  s.title = g_string_new(NULL);

  htmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.startElement = sax_start;
  sax.endElement = sax_end;
  sax.characters = sax_chars;
  sax.ignorableWhitespace = sax_chars;
  sax.cdataBlock = sax_ignore_cdata;

  /* A fresh parser context per document: nothing shared between threads. */
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8, (int)ulen);
  gboolean ok = ctxt != NULL;
  if (ctxt) {
    htmlSAXHandlerPtr old = ctxt->sax;
    ctxt->sax = &sax;
    ctxt->userData = &s;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE |
                                 HTML_PARSE_NOIMPLIED);
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    ctxt->sax = old;
    ctxt->userData = NULL;
    htmlFreeParserCtxt(ctxt);
  }
  flush_block(&s);

  if (ok) {
    double bar = 0;
    res->language = classify_blocks(&s, cfg->language, cfg, &bar);
    gint32 container = -1;
    if (s.nodes->len) {
      mark_teaser_cards(&s);
      sum_subtrees(&s, FALSE);
      resolve_hints(&s);
      if (bar > 0 && !good_outside_furniture(&s)) {
        /* No block outside furniture passes as prose: the page's only
         * text of any length (a one-sentence notice, a terse item) is its
         * article whatever its wording, so judge it without the bar. */
        classify_with_bar(&s, 0.0, (guint)MAX(cfg->min_paragraph_words, 1));
        mark_teaser_cards(&s); /* classifying again undid their marks */
        sum_subtrees(&s, FALSE);
        resolve_hints(&s);
      }
      value_blocks(&s);
      sum_subtrees(&s, TRUE);
      container = choose_container(&s);
    }
    select_blocks(&s, container, cfg);
    if (g_getenv("WN_BP_DEBUG"))
      debug_dump(&s, container);
    g_autofree char *h1 = first_heading(&s, container);
    res->title = wn_bp_title_choose(s.title->len ? s.title->str : NULL, s.og_title, h1);
    res->text = assemble(&s, res->title, cfg);
  } else {
    g_set_error(error, WN_ERROR, WN_ERROR_STAGE,
                "libxml2 could not create an HTML parser for the page (out of memory?)");
  }

  g_array_free(s.nodes, TRUE);
  g_array_free(s.blocks, TRUE);
  g_array_free(s.stack, TRUE);
  g_string_free(s.text, TRUE);
  g_string_free(s.cur, TRUE);
  g_string_free(s.title, TRUE);
  g_free(s.og_title);
  return ok;
}
