/* decimal.c - exact decimal amounts as strings (decimal.h). */
#include <stdlib.h>
#include <string.h>

#include "decimal.h"

size_t decimal_from_number(const char *s, size_t n, int exp, char *out)
{
    size_t dots = 0, commas = 0, last_dot = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            dots++;
            last_dot = i;
        } else if (s[i] == ',') {
            commas++;
        }
    }
    char dec; /* the decimal mark, or 0 */
    if (commas >= 2)
        dec = '.';
    else if (commas == 1)
        dec = ',';
    else if (dots == 1 && n - last_dot - 1 <= 2)
        dec = '.';
    else
        dec = 0;
    char ip[DECIMAL_MAX], fp[DECIMAL_MAX];
    size_t il = 0, fl = 0;
    int frac = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == dec) {
            frac = 1;
        } else if (c >= '0' && c <= '9') {
            if (frac) {
                if (fl + 1 >= sizeof fp)
                    return 0;
                fp[fl++] = c;
            } else {
                if (il + 1 >= sizeof ip)
                    return 0;
                ip[il++] = c;
            }
        }
    }
    /* shift the decimal point right by exp */
    for (int e = 0; e < exp; e++) {
        if (il + 1 >= sizeof ip)
            return 0;
        if (fl) {
            ip[il++] = fp[0];
            memmove(fp, fp + 1, --fl);
        } else {
            ip[il++] = '0';
        }
    }
    size_t a = 0;
    while (a + 1 < il && ip[a] == '0')
        a++;
    while (fl && fp[fl - 1] == '0')
        fl--;
    size_t k = 0;
    if (il - a + fl + 2 > DECIMAL_MAX)
        return 0;
    memcpy(out, ip + a, il - a);
    k = il - a;
    if (!k)
        out[k++] = '0';
    if (fl) {
        out[k++] = '.';
        memcpy(out + k, fp, fl);
        k += fl;
    }
    out[k] = 0;
    return k;
}

int decimal_cmp(const char *a, const char *b)
{
    const char *ad = strchr(a, '.'), *bd = strchr(b, '.');
    size_t ai = ad ? (size_t)(ad - a) : strlen(a), bi = bd ? (size_t)(bd - b) : strlen(b);
    if (ai != bi)
        return ai < bi ? -1 : 1;
    int c = strncmp(a, b, ai);
    if (c)
        return c < 0 ? -1 : 1;
    const char *af = ad ? ad + 1 : "", *bf = bd ? bd + 1 : "";
    while (*af || *bf) {
        char x = *af ? *af++ : '0', y = *bf ? *bf++ : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

char *decimal_add(const char *a, const char *b)
{
    const char *ad = strchr(a, '.'), *bd = strchr(b, '.');
    size_t ai = ad ? (size_t)(ad - a) : strlen(a), bi = bd ? (size_t)(bd - b) : strlen(b);
    size_t af = ad ? strlen(ad + 1) : 0, bf = bd ? strlen(bd + 1) : 0;
    size_t ni = (ai > bi ? ai : bi) + 1, nf = af > bf ? af : bf;
    char *r = malloc(ni + nf + 2);
    if (!r)
        return NULL;
    int carry = 0;
    /* digits at position p (p<nf: fractional, from the right) */
    size_t len = ni + nf;
    char *digits = r; /* fill right to left into r[0..len) without the dot */
    for (size_t k = 0; k < len; k++) {
        int da = 0, db = 0;
        if (k < nf) {
            size_t fpos = nf - 1 - k; /* index into fraction */
            if (fpos < af) da = ad[1 + fpos] - '0';
            if (fpos < bf) db = bd[1 + fpos] - '0';
        } else {
            size_t ipos = k - nf; /* from the right of the integer part */
            if (ipos < ai) da = a[ai - 1 - ipos] - '0';
            if (ipos < bi) db = b[bi - 1 - ipos] - '0';
        }
        int s = da + db + carry;
        carry = s / 10;
        digits[len - 1 - k] = (char)('0' + s % 10);
    }
    /* insert the dot, trim zeros */
    char *o = malloc(len + 2);
    if (!o) {
        free(r);
        return NULL;
    }
    size_t j = 0, i = 0;
    while (i + 1 < ni && digits[i] == '0')
        i++;
    for (; i < ni; i++)
        o[j++] = digits[i];
    size_t fe = len;
    while (fe > ni && digits[fe - 1] == '0')
        fe--;
    if (fe > ni) {
        o[j++] = '.';
        for (i = ni; i < fe; i++)
            o[j++] = digits[i];
    }
    o[j] = '\0';
    free(r);
    return o;
}

int decimal_valid(const char *s)
{
    if (!s || !*s)
        return 0;
    size_t i = 0, d = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (!d)
        return 0;
    if (s[i] == '.') {
        i++;
        size_t f = 0;
        while (s[i] >= '0' && s[i] <= '9')
            i++, f++;
        if (!f)
            return 0;
    }
    return s[i] == '\0';
}
