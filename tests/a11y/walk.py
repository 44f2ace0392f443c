#!/usr/bin/python3
# walk.py — drive Rubric through its accessibility tree (AT-SPI) and audit it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts `rubric` on a fresh database under Xvfb with a session bus of its
# own, finds the app on the AT-SPI desktop, dumps the tree (role, name,
# states, actions) and audits it, then scores a call through AT-SPI alone:
# "Try with Sample Data", the review queue, the first unscored call with a
# recording, an answer for every criterion, a comment, Submit. It checks the
# result with sqlite3 on the database file. Then the Agents page: the list,
# the search, an agent's charts and lists, the range, a lowest evaluation
# in the editor, a team's page. See README.md beside this file.
#
# Exit status: 0 when the flow passed and the audit found nothing, 1 when
# the audit found problems (the flow passed), 2 when the flow failed, 3 when
# rubric could not open the X display three times over.

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET

# libatspi 2.46 deprecates the get_*_iface () accessors its Python users have.
warnings.simplefilter('ignore', DeprecationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
INNER = 'RUBRIC_A11Y_WALK_INNER'
NO_DISPLAY = 3  # exit status of the inner run when rubric could not open the display


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__ or 'AT-SPI walk of Rubric')
    ap.add_argument('--build', default=os.environ.get('RUBRIC_BUILD_DIR',
                                                      os.path.join(SOURCE_ROOT, 'build')),
                    help='meson build directory (default: $RUBRIC_BUILD_DIR or ./build)')
    ap.add_argument('--out', default=None,
                    help='directory for the tree dumps and the app log (default: a new temp dir)')
    ap.add_argument('--rows', type=int, default=25,
                    help='rows of each list to dump and audit (default 25)')
    ap.add_argument('--comment', default='Clear greeting; confirmed the caller early.',
                    help='the comment typed into the first criterion')
    ap.add_argument('--agents-only', action='store_true',
                    help='skip the scoring flow: sample data, then the Agents page alone')
    ap.add_argument('--quiet', action='store_true', help='do not print the first tree dump')
    ap.add_argument('--wrapper', default=None,
                    help='run rubric under this command, e.g. "gdb -batch -ex run -ex bt --args"')
    ap.add_argument('--timeout', type=float, default=30, help='seconds to wait for each step')
    return ap.parse_args()


# --------------------------------------------------------------- outer part

def reexec_in_session(args):
    """Run this script again under xvfb-run and dbus-run-session."""
    python = sys.executable
    try:
        import gi  # noqa: F401
    except ImportError:
        python = '/usr/bin/python3'  # Debian's python3-gi lives there
    for tool in ('xvfb-run', 'dbus-run-session'):
        if shutil.which(tool) is None:
            sys.exit('walk.py: %s is missing (packages xvfb, dbus)' % tool)
    env = dict(os.environ)
    env[INNER] = '1'
    for attempt in range(3):
        # -a alone races with other xvfb-run -a (a GUI test suite) for :99.
        cmd = ['xvfb-run', '-a', '-n', str(200 + (os.getpid() + 97 * attempt) % 700),
               '-s', '-screen 0 1400x1000x24',
               'dbus-run-session', '--', python, os.path.abspath(__file__)] + sys.argv[1:]
        # The session bus tells of every service it starts: not our business.
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        for line in proc.stdout:
            if not (line.startswith('dbus-daemon[') or line.startswith('SpiRegistry daemon')):
                sys.stdout.write(line)
                sys.stdout.flush()
        rc = proc.wait()
        if rc != NO_DISPLAY:
            return rc
        print('walk.py: the X server went away before rubric could start; again', flush=True)
    return rc


# --------------------------------------------------------------- AT-SPI

def atspi():
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
    return Atspi


Atspi = None
TYPE_NAME = re.compile(r'^(Gtk|Adw|Rubric|Gsk|Gdk)[A-Z][A-Za-z0-9]*$')
ICON_NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*(-symbolic)?$')
ICONISH = re.compile(r'-symbolic$|^(go|media|edit|document|view|list|window|open|dialog|'
                     r'user|call|audio|emblem|object|process|system|mail|chat)-[a-z-]+$')
INTERACTIVE = {'push button', 'toggle button', 'check box', 'radio button', 'combo box',
               'entry', 'password text', 'spin button', 'slider', 'link', 'menu item',
               'check menu item', 'radio menu item', 'page tab', 'switch', 'toggle switch',
               'list box', 'list', 'tree table', 'table', 'tree', 'text'}
# Not counted: GTK's scroll bars, which take no focus and offer no action or
# value over AT-SPI, and what lies inside a button (a GtkButton keeps the
# focus to itself, whatever its content says).
# Actions GTK 4.8 puts on every label: not a reason to call a label a control.
PASSIVE_ACTIONS = {'clipboard.copy', 'clipboard.cut', 'clipboard.paste', 'selection.delete',
                   'selection.select-all', 'link.open', 'link.copy', 'menu.popup'}


def s_nick(s):
    return Atspi.StateType(s).value_nick


class Node:
    """What we read of one accessible, once (each read is a D-Bus call)."""

    def __init__(self, acc, path):
        self.acc = acc
        self.path = path
        try:
            self.role = acc.get_role_name()
        except Exception:
            self.role = '?'
        try:
            self.name = acc.get_name() or ''
        except Exception:
            self.name = ''
        try:
            self.description = acc.get_description() or ''
        except Exception:
            self.description = ''
        try:
            self.states = sorted(s_nick(s) for s in acc.get_state_set().get_states())
        except Exception:
            self.states = []
        self.actions = []
        try:
            a = acc.get_action_iface()
            if a is not None:
                self.actions = [a.get_action_name(i) for i in range(a.get_n_actions())]
        except Exception:
            pass
        self.text = None
        try:
            t = acc.get_text_iface()
            if t is not None and self.role != 'label':
                self.text = t.get_text(0, t.get_character_count())
        except Exception:
            pass
        self.children = []

    @property
    def real_name(self):
        """The name, or '' when GTK 4.8 fell back to the widget's type name."""
        return '' if TYPE_NAME.match(self.name) else self.name.strip()

    def line(self):
        extra = ''
        if self.description:
            extra += ' desc=%r' % self.description
        if self.text:
            extra += ' text=%r' % self.text
        acts = [a for a in self.actions if a not in PASSIVE_ACTIONS]
        return '%s %r [%s]%s%s' % (self.role, self.name, ','.join(self.states),
                                   ' actions=%s' % ','.join(acts) if acts else '', extra)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def descendant_text(self):
        for n in self.walk():
            if n is self:
                continue
            if 'visible' in n.states and (n.real_name or (n.text or '').strip()):
                return True
        return False


def read_tree(acc, max_rows, path='', depth=0):
    node = Node(acc, path)
    try:
        n = acc.get_child_count()
    except Exception:
        n = 0
    # Lists of a thousand rows: the first rows tell how all of them look.
    if node.role in ('list', 'list box', 'tree table', 'table') and n > max_rows:
        node.truncated = n - max_rows
        n = max_rows
    for i in range(n):
        try:
            c = acc.get_child_at_index(i)
        except Exception:
            c = None
        if c is not None:
            node.children.append(read_tree(c, max_rows, '%s/%d' % (path, i), depth + 1))
    return node


def dump(node, out, depth=0):
    out.write('  ' * depth + node.line() + '\n')
    for c in node.children:
        dump(c, out, depth + 1)
    if getattr(node, 'truncated', 0):
        out.write('  ' * (depth + 1) + '… %d more children\n' % node.truncated)


def find_all(node, role=None, name=None, exact=False, pred=None):
    for n in node.walk():
        if role is not None and n.role not in ((role,) if isinstance(role, str) else role):
            continue
        if name is not None:
            nm = strip_mnemonic(n.name)
            if (nm != name) if exact else (name not in nm):
                continue
        if pred is not None and not pred(n):
            continue
        yield n


def find(node, **kw):
    return next(find_all(node, **kw), None)


def strip_mnemonic(s):
    return s.replace('_', '')


def audit(node, where, issues, seen):
    """Problems of the accessible tree; the same problem is told once, with a count."""
    def report(kind, n, what, example=''):
        key = (kind, n.role, n.name, what)
        if key in seen:
            seen[key][0] += 1
            return
        entry = [1, '%s: %s: %s %r%s' % (where, kind, n.role, n.name,
                                          (' — ' + what) if what else ''), example]
        seen[key] = entry
        issues.append(entry)

    def visit(n, in_button, column):
        # The application itself has no states at all.
        if 'visible' not in n.states and n.role != 'application':
            return
        real_actions = [a for a in n.actions if a not in PASSIVE_ACTIONS]
        focusable = 'focusable' in n.states and not in_button
        actionable = bool(real_actions) or (n.role in INTERACTIVE and not in_button)
        if (focusable or actionable) and not n.real_name and n.role != 'scroll pane':
            # A focusable scroll pane is GTK's scrolled window: it is named
            # by what it scrolls, which is checked on its own.
            report('focusable or actionable object without a name', n,
                   'actions=%s' % ','.join(real_actions) if real_actions else
                   ('focusable' if focusable else 'interactive role'), n.path)
        if n.role in ('push button', 'toggle button') and n.real_name and \
                ICON_NAME.match(n.real_name) and ICONISH.search(n.real_name):
            report('button named only by its icon', n, '', n.path)
        if '_' in n.name and n.role in ('push button', 'toggle button', 'check box',
                                        'radio button', 'menu item'):
            report('name shows the raw mnemonic label', n,
                   'GTK 4.8 joins the use-underline label and its child label'
                   if ' ' in n.name else '', n.path)
        if n.role in ('table cell', 'cell') and not n.real_name and not n.descendant_text():
            report('table cell without text', n, column or '', n.path)
        if n.role in ('table row', 'row'):
            if not n.real_name and not n.descendant_text():
                report('table row without text', n, '', n.path)
            elif not n.real_name:
                report('table row without a name of its own', n, 'its cells have text', n.path)
        if n.role == 'image' and not n.real_name and not in_button:
            report('image without a name (and not presentation)', n, '', n.path)
        headers = getattr(n, 'headers', None)
        for i, c in enumerate(n.children):
            col = column
            if n.role in ('table row', 'row') and headers:
                col = 'column %r' % headers[i] if i < len(headers) else column
            if n.role in ('list', 'list box') and getattr(n, 'headers', None):
                c.headers = n.headers
            visit(c, in_button or n.role in ('push button', 'toggle button'), col)

    # Column titles, for telling which column a cell without text is in.
    for t in node.walk():
        if t.role in ('tree table', 'table') and t.children and \
                t.children[0].role in ('table row', 'row'):
            titles = [' '.join(x.name for x in h.walk() if x.role == 'label')
                      for h in t.children[0].children]
            for c in t.children[1:]:
                c.headers = titles
    visit(node, False, None)


def format_issues(issues):
    out = []
    for count, text, example in issues:
        out.append(text + (' (×%d)' % count if count > 1 else '') +
                   (' at %s' % example if example and count == 1 else ''))
    return out


# --------------------------------------------------------------- the run

class Fail(Exception):
    pass


class NoDisplay(Exception):
    pass


def find_opener(tree):
    """The review queue's "Open" button, shown while a call is selected."""
    page = find(tree, role='panel', name='Review Queue', exact=True)
    return page and find(page, role='push button', name='Open', exact=True,
                         pred=lambda n: {'visible', 'sensitive'} <= set(n.states))


def find_form(tree):
    """The evaluation form: the "Scorecard" of the editor that holds answer buttons."""
    for editor in find_all(tree, name='Evaluation', exact=True):
        form = find(editor, name='Scorecard', exact=True,
                    pred=lambda n: any(answer_buttons(x) for x in n.walk()))
        if form is not None:
            return form
    return None


def answer_buttons(node):
    """The answer buttons of a criterion: two or more (toggle) buttons side by side.

    GTK 4.8 shows a GtkToggleButton as a push button that is "checked"."""
    buttons = [c for c in node.children if c.role in ('toggle button', 'push button')]
    return buttons if len(buttons) >= 2 else []


class Walk:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.binary = os.path.join(self.build, 'src', 'app', 'rubric')
        if not os.access(self.binary, os.X_OK):
            raise Fail('no %s: build first (meson setup BUILD && ninja -C BUILD)' % self.binary)
        self.out = args.out or tempfile.mkdtemp(prefix='rubric-a11y-')
        os.makedirs(self.out, exist_ok=True)
        for f in os.listdir(self.out):
            if f.startswith('tree-') and f.endswith('.txt'):
                os.unlink(os.path.join(self.out, f))
        self.tmp = tempfile.mkdtemp(prefix='rubric-a11y-db-')
        self.db = os.path.join(self.tmp, 'rubric.db')
        self.issues = []
        self.seen = {}
        self.steps = []
        self.proc = None
        self.app = None

    # ---------------------------------------------------------- helpers

    def step(self, text):
        self.steps.append(text)
        print('  ✓ ' + text, flush=True)

    def wait(self, what, fn, timeout=None):
        deadline = time.monotonic() + (timeout or self.args.timeout)
        while True:
            try:
                self.app.clear_cache()
            except Exception:
                pass
            try:
                r = fn()
            except Exception as e:  # the tree changes under our feet
                r = None
                last = e
            if r:
                return r
            if self.proc.poll() is not None:
                raise Fail('rubric exited (%s) while waiting for %s' % (self.proc.returncode, what))
            if time.monotonic() > deadline:
                raise Fail('timed out waiting for %s' % what)
            time.sleep(0.25)

    def tree(self, acc=None):
        return read_tree(acc or self.app, self.args.rows)

    def snapshot(self, label, acc=None, show=False):
        t = self.tree(acc)
        path = os.path.join(self.out, 'tree-%02d-%s.txt' % (len(self.steps), label))
        with open(path, 'w') as f:
            dump(t, f)
        if show and not self.args.quiet:
            dump(t, sys.stdout)
        audit(t, label, self.issues, self.seen)
        return t

    def act(self, node, action='click'):
        a = node.acc.get_action_iface()
        if a is None:
            raise Fail('%s %r has no actions' % (node.role, node.name))
        names = [a.get_action_name(i) for i in range(a.get_n_actions())]
        idx = names.index(action) if action in names else 0
        if not names:
            raise Fail('%s %r has no actions' % (node.role, node.name))
        if not a.do_action(idx):
            raise Fail('%s %r: action %s failed' % (node.role, node.name, names[idx]))

    def sql(self, query, *params):
        con = sqlite3.connect('file:%s?mode=ro' % self.db, uri=True, timeout=10)
        try:
            return con.execute(query, params).fetchall()
        finally:
            con.close()

    # ---------------------------------------------------------- stages

    def start(self):
        env = dict(os.environ)
        for k in ('GTK_A11Y', 'NO_AT_BRIDGE', INNER):
            env.pop(k, None)
        env.update(GSETTINGS_SCHEMA_DIR=os.path.join(self.build, 'data'),
                   GSETTINGS_BACKEND='memory',
                   RUBRIC_LOCALEDIR=os.path.join(self.build, 'po'),
                   GDK_BACKEND='x11', GSK_RENDERER='cairo',
                   LANGUAGE=env.get('LANGUAGE', 'en'))
        self.log = open(os.path.join(self.out, 'rubric.log'), 'w')
        wrapper = self.args.wrapper.split() if self.args.wrapper else []
        self.proc = subprocess.Popen(wrapper + [self.binary, '--database', self.db], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)

        def app():
            desk = Atspi.get_desktop(0)
            for i in range(desk.get_child_count()):
                a = desk.get_child_at_index(i)
                if a is not None and (a.get_process_id() == self.proc.pid or
                                      (wrapper and a.get_name() == 'rubric')):
                    return a
        deadline = time.monotonic() + self.args.timeout
        while self.app is None:
            self.app = app()
            if self.app is None:
                if self.proc.poll() is not None:
                    self.log.flush()
                    with open(self.log.name) as f:
                        if 'cannot open display' in f.read():
                            raise NoDisplay()
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise Fail('rubric never showed up on the AT-SPI desktop '
                               '(is AT-SPI off? see %s)' % self.log.name)
                time.sleep(0.25)
        self.step('rubric (pid %d) is on the AT-SPI desktop as %r' %
                  (self.proc.pid, self.app.get_name()))

    def welcome(self):
        self.wait('the welcome page', lambda: find(self.tree(), role='push button',
                                                     name='Try with Sample Data'))
        t = self.snapshot('welcome', show=True)
        button = find(t, role='push button', name='Try with Sample Data')
        self.act(button)
        self.step('activated %r' % button.name)

    def queue(self):
        def rows():
            t = self.tree()
            table = find(t, role=('tree table', 'table'), name='Calls to score')
            if table is None:
                return None
            lst = find(table, role=('list', 'list box'))
            if lst is None:
                return None
            rs = [r for r in lst.children if r.role in ('table row', 'row', 'list item')
                  and r.descendant_text()]
            return (t, table, lst, rs) if rs else None

        t, table, lst, rs = self.wait('the review queue to have rows', rows)
        self.snapshot('review-queue')
        self.step('the review queue %r has rows (%d read)' % (table.name, len(rs)))

        headers = [strip_mnemonic(h.real_name or ' '.join(x.name for x in h.walk()
                                                           if x.role == 'label'))
                   for h in table.children[0].children] if table.children and \
            table.children[0].role in ('table row', 'row') else []
        try:
            audio_col = headers.index('Audio')
            state_col = headers.index('Scored')
        except ValueError:
            raise Fail('no Audio and Scored column headers in %r' % headers)

        def cell_text(cell):
            return ' '.join(x.text or x.real_name for x in cell.walk()
                            if x is not cell and 'visible' in x.states
                            and (x.text or x.real_name)).strip()

        chosen = None
        for index, r in enumerate(lst.children):
            cells = [c for c in r.children if c.role in ('table cell', 'cell')]
            if len(cells) <= max(audio_col, state_col):
                continue
            has_recording = any('visible' in x.states and x.role == 'image'
                                for x in cells[audio_col].walk())
            state = cell_text(cells[state_col])
            if has_recording and state in ('', 'Not scored', 'Unscored'):
                chosen = (index, r, [cell_text(c) for c in cells])
                break
        if chosen is None:
            raise Fail('no unscored call with a recording among the first %d rows'
                       % len(lst.children))
        index, row, texts = chosen
        self.row_texts = texts
        sel = lst.acc.get_selection_iface()
        if sel is None:
            raise Fail('the calls list has no Selection interface')
        if not sel.select_child(index):
            raise Fail('Selection.select_child(%d) failed' % index)
        self.wait('row %d to be selected' % index,
                  lambda: 'selected' in Node(lst.acc.get_child_at_index(index), '').states, 5)
        self.step('selected row %d %r (%s)' % (index, row.name, ' | '.join(texts)))

        self.before = {u for (u,) in self.sql('SELECT uuid FROM evaluations')}
        try:
            opener = self.wait('the "Open" button', lambda: find_opener(self.tree()), 5)
        except Fail:
            opener = None
        if opener is not None:
            self.act(opener)
            self.step('activated %r' % opener.name)
        else:
            row_now = Node(lst.acc.get_child_at_index(index), '')
            acts = [a for a in row_now.actions if 'activate' in a]
            if not acts:
                raise Fail('cannot open the selected call through AT-SPI: no "Open" '
                           'button and the row has no activate action (%s)' % row_now.actions)
            self.act(row_now, acts[0])
            self.step('activated the row with %s' % acts[0])

    def editor(self):
        def form():
            t = self.tree()
            submit = find(t, role='push button', name='Submit')
            scorecard = find_form(t)
            if submit is None or scorecard is None:
                return None
            return t, submit, scorecard

        t, submit, scorecard = self.wait('the evaluation editor', form)
        self.snapshot('editor')
        self.step('the evaluation editor is open (%r)' %
                  next((n.name for n in t.walk() if n.role == 'label' and n.name and
                        n.name in ' '.join(self.row_texts)), ''))

        # Submit with nothing answered: the form goes to the first criterion,
        # whose row takes the focus and reads as "1. …", "Not answered", and
        # a toast says how many are left (no dialog to read and dismiss).
        self.act(submit)

        def refused():
            t = self.tree()
            told = find(t, role='label', name='not answered yet')
            row = find(t, pred=lambda n: 'focused' in n.states and n.name.startswith('1. '))
            return (t, told, row) if row and told else None
        t, told, row = self.wait('the first criterion focused, and how many are left told',
                                 refused)
        self.snapshot('missing-answers')
        if row.description != 'Not answered':
            raise Fail('the first criterion reads %r, not "Not answered"' % row.description)
        self.step('Submit with nothing answered went to %r (%r) and told %r'
                  % (row.name, row.description, told.name))
        scorecard = self.wait('the form', lambda: find_form(self.tree()), 10)

        # Each criterion: the nearest ancestor of a group of answer buttons
        # that carries a name of its own.
        groups = []
        for n in scorecard.walk():
            buttons = answer_buttons(n)
            if buttons:
                groups.append((n, buttons))
        if not groups:
            raise Fail('no answer buttons in the form')
        names_seen = {}
        for _, buttons in groups:
            for b in buttons:
                names_seen[b.name] = names_seen.get(b.name, 0) + 1
        dup = sorted(n for n, k in names_seen.items() if k > 1)
        if dup:
            self.issues.append([1, 'editor: %d answer buttons share a name with another '
                                'criterion\'s (e.g. %s): ambiguous outside their row'
                                % (sum(names_seen[n] for n in dup),
                                   ', '.join(map(repr, dup[:4]))), ''])

        self.clicked = []
        for i, (group, buttons) in enumerate(groups):
            choice = buttons[i % len(buttons)]
            if not choice.real_name:
                raise Fail('answer button without a name in criterion %d' % (i + 1))
            self.act(choice)
            self.wait('%r to be pressed' % choice.name,
                      lambda: {'checked', 'pressed'} & set(Node(choice.acc, '').states), 5)
            self.clicked.append((group.description or group.name, choice.name))
        self.step('answered %d criteria through their buttons' % len(groups))

        entry = find(scorecard, role=('entry', 'text'), name='Comment on criterion 1')
        if entry is None:
            entry = find(scorecard, role=('entry', 'text'),
                         pred=lambda n: 'editable' in n.states)
        if entry is None:
            raise Fail('no comment entry in the form')
        et = entry.acc.get_editable_text_iface()
        if et is None:
            raise Fail('the comment entry %r has no EditableText interface' % entry.name)
        et.set_text_contents(self.args.comment)
        self.wait('the comment to be typed', lambda: (
            lambda t: t.get_text(0, t.get_character_count()))(entry.acc.get_text_iface())
            == self.args.comment, 5)
        self.step('typed a comment into %r' % entry.name)

        t = self.snapshot('editor-answered')
        submit = find(t, role='push button', name='Submit')
        self.act(submit)
        self.step('activated %r' % submit.name)

        def submitted():
            rows = self.sql("SELECT id, uuid FROM evaluations WHERE status = 'submitted'")
            new = [r for r in rows if r[1] not in self.before]
            return new[0] if new else None
        try:
            self.eval_id, self.eval_uuid = self.wait('the evaluation to be submitted',
                                                     submitted, 10)
        except Fail:
            t = self.snapshot('after-submit')
            dialogs = [n for n in t.walk() if n.role in ('dialog', 'alert')]
            for d in dialogs:
                dump(d, sys.stdout)
            raise
        self.snapshot('after-submit')
        self.step('evaluation %s is submitted in the database' % self.eval_uuid)

    def verify(self):
        (definition, status, n_answers) = self.sql(
            'SELECT s.definition, e.status, (SELECT count(*) FROM evaluation_answers a '
            'WHERE a.evaluation_id = e.id) FROM evaluations e JOIN scorecards s '
            'ON s.id = e.scorecard_id WHERE e.id = ?', self.eval_id)[0]
        root = ET.fromstring(definition)
        ns = root.tag[:root.tag.index('}') + 1] if root.tag.startswith('{') else ''
        XMLNS = '{http://www.w3.org/XML/1998/namespace}lang'

        def text_of(el, tag):
            texts = el.findall(ns + tag)
            for t in texts:
                if t.get(XMLNS) in (None, 'en'):
                    return (t.text or '').strip()
            return (texts[0].text or '').strip() if texts else ''

        criteria = {}
        for c in root.iter(ns + 'criterion'):
            opts = {text_of(o, 'label') or text_of(o, 'text'): o.get('key')
                    for o in c.findall(ns + 'option')}
            criteria[text_of(c, 'text')] = (c.get('key'), c.get('type'), opts)

        expected = {}
        for text, button in self.clicked:
            if text not in criteria:
                raise Fail('criterion %r of the form is not in the scorecard' % text)
            key, kind, opts = criteria[text]
            label = button.split(' — ')[0].strip()
            if label == 'N/A':
                value = 'na'
            elif kind == 'yes-no':
                value = {'Yes': 'yes', 'No': 'no'}.get(label)
            elif kind == 'scale':
                value = label
            else:
                value = opts.get(label)
            if value is None:
                raise Fail('cannot tell the value of button %r of %s' % (button, key))
            expected[key] = value

        got = dict(self.sql('SELECT criterion, value FROM evaluation_answers '
                            'WHERE evaluation_id = ?', self.eval_id))
        if status != 'submitted':
            raise Fail('evaluation status is %r' % status)
        if len(criteria) != n_answers or got != expected:
            diff = {k: (expected.get(k), got.get(k)) for k in set(expected) | set(got)
                    if expected.get(k) != got.get(k)}
            raise Fail('answers differ from the buttons pressed (%d criteria, %d answers): %s'
                       % (len(criteria), n_answers, diff))
        comments = self.sql('SELECT criterion, at, text FROM evaluation_comments '
                            'WHERE evaluation_id = ?', self.eval_id)
        first_key = criteria[self.clicked[0][0]][0]
        if (first_key, None, self.args.comment) not in comments:
            raise Fail('the comment is not stored on %s: %r' % (first_key, comments))
        self.step('sqlite3: status submitted, %d answers as pressed, the comment on %s'
                  % (n_answers, first_key))

    def extras(self):
        """Menus and popovers: opened through AT-SPI, dumped, audited, closed."""
        def popup(button_name, label, expect_role=('menu item', 'push button', 'check box',
                                                    'radio button')):
            t = self.tree()
            b = find(t, role='push button', name=button_name,
                     pred=lambda n: 'focusable' in n.states)
            if b is None:
                self.issues.append([1, 'extras: no %r button to open' % button_name, ''])
                return
            self.act(b)
            time.sleep(0.5)
            t = self.snapshot(label)
            menus = [n for n in t.walk() if n.role in ('menu', 'popup menu', 'window', 'panel')
                     and n.children and 'showing' in n.states]
            items = [n for n in t.walk() if n.role == 'menu item']
            self.step('opened %r: %s' % (b.name, ', '.join(repr(i.name) for i in items[:8])
                                          or '(no menu items)'))
            self.act(Node(b.acc, ''))  # the toggle closes it again
            time.sleep(0.3)

        # The call again, now scored: its evaluation opens read-only.
        if find(self.tree(), role='push button', name='Evaluation Menu') is None:
            t = self.tree()
            table = find(t, role=('tree table', 'table'), name='Calls to score')
            lst = find(table, role=('list', 'list box')) if table else None
            rows = lst.children if lst else []
            index = next((i for i, r in enumerate(rows)
                          if r.real_name.startswith(self.row_texts[0])), None)
            if index is None:
                raise Fail('the scored call is not in the queue any more')
            self.step('the call\'s row now reads %r' % rows[index].name)
            lst.acc.get_selection_iface().select_child(index)
            opener = self.wait('the "Open" button', lambda: find_opener(self.tree()), 5)
            self.act(opener)
            self.wait('the submitted evaluation', lambda: find(
                self.tree(), role='push button', name='Evaluation Menu'), 10)
            self.snapshot('editor-submitted')
            self.step('opened the submitted evaluation again')
        popup('Evaluation Menu', 'evaluation-menu')
        back = find(self.tree(), role='push button', name='Back', exact=True)
        if back is not None:
            self.act(back)
            self.wait('the review queue', lambda: find(self.tree(), role=('tree table', 'table'),
                                                       name='Calls to score'), 10)
            self.step('went back to the review queue with %r' % back.name)
        popup('Main Menu', 'main-menu')
        popup('Any Day', 'dates-popover')

        # The keyboard shortcuts window, through the window's action.
        frame = find(self.tree(), role='frame', name='Rubric')
        if frame is not None and 'win.show-help-overlay' in frame.actions:
            self.act(frame, 'win.show-help-overlay')
            help = self.wait('the shortcuts window', lambda: find(
                self.tree(), role=('frame', 'dialog', 'window'),
                pred=lambda n: n.name not in ('Rubric',) and n.role != 'application'), 10)
            h = self.snapshot('shortcuts-window', help.acc)
            close = find(h, role='push button', name='Close', exact=True)
            self.step('opened the shortcuts window %r' % help.name)
            if close is not None:
                self.act(close)
                self.wait('the shortcuts window to close', lambda: find(
                    self.tree(), role=('frame', 'dialog', 'window'),
                    pred=lambda n: n.name == help.name) is None, 10)
                self.step('closed it with %r' % close.name)

        # What a screen reader may do while a window closes: ask for a child
        # past the end. GTK 4.8 answers with the last window of the process
        # and crashed on a hidden one.
        n = self.app.get_child_count()
        try:
            self.app.get_child_at_index(n)
        except Exception:
            pass
        time.sleep(0.5)
        if self.proc.poll() is not None:
            raise Fail('rubric crashed (%s) when asked for window %d of %d'
                       % (self.proc.returncode, n, n))
        self.step('asking the application for window %d of %d is harmless' % (n + 1, n))

    def agents(self):
        """The Agents page (SPEC §6, §10): list, search, an agent's page, range, a team."""
        DIGIT = re.compile(r'\d')
        ROWS = ('list item', 'row', 'table row')

        def agents_list(t):
            page = find(t, role='panel', name='Agents', exact=True)
            lst = page and find(page, role=('list', 'list box'), name='Agents', exact=True)
            if lst is None:
                return None
            rows = [r for r in lst.children if 'visible' in r.states and r.descendant_text()]
            return (page, lst, rows) if rows else None

        # 1. the sidebar's "Agents" row, chosen with the list's Selection.
        t = self.tree()
        side = find(t, role=('list box', 'list'), name='Pages', exact=True)
        if side is None:
            raise Fail('no sidebar list named "Pages"')
        idx = next((i for i, c in enumerate(side.children)
                    if strip_mnemonic(c.real_name) == 'Agents'), None)
        if idx is None:
            raise Fail('no "Agents" row in the sidebar: %s' % [c.name for c in side.children])
        sel = side.acc.get_selection_iface()
        if sel is None or not sel.select_child(idx):
            raise Fail('the sidebar has no Selection, or select_child(%d) failed' % idx)
        page, lst, rows = self.wait('the agents list to have rows',
                                    lambda: agents_list(self.tree()))
        t = self.snapshot('agents')
        page, lst, rows = agents_list(t)
        self.step('chose %r in the sidebar through Selection: %d agents read'
                  % (side.children[idx].name, len(rows)))

        # 2. every row reads name, id · team · vendor, mean; its sparkline the scores.
        agents = []
        for r in rows:
            labels = [x.name for x in r.walk() if x.role == 'label' and x.name]
            if len(labels) < 3:
                raise Fail('agent row %r shows %r, not name, team and mean' % (r.name, labels))
            title, subtitle, mean = labels[0], labels[1], labels[-1]
            if not r.real_name:
                raise Fail('agent row %s (%r) has no name of its own' % (r.path, title))
            for what, text in (('name', title), ('team line', subtitle), ('mean', mean)):
                if text not in r.real_name:
                    raise Fail('agent row %r does not read its %s %r' % (r.name, what, text))
            if ' · ' not in subtitle or 'mean' not in r.real_name:
                raise Fail('agent row %r reads no "id · team · vendor" or no mean' % r.name)
            spark = find(r, role='image')
            if spark is None or not DIGIT.search(spark.real_name + spark.description):
                raise Fail('the sparkline of %r reads %r / %r: no scores'
                           % (title, spark and spark.name, spark and spark.description))
            agents.append((title, subtitle, mean, spark.real_name))
        self.step('each of %d rows reads name, team and mean, e.g. %r; its sparkline %r'
                  % (len(rows), rows[0].real_name, agents[0][3]))

        # 3. the search, typed through EditableText.
        name = agents[-1][0]
        entry = find(page, role=('entry', 'text', 'password text'),
                     name='Search the agents by id, name or team')
        if entry is None:
            raise Fail('no search entry named "Search the agents by id, name or team"')
        et = None
        for n in entry.walk():
            et = n.acc.get_editable_text_iface()
            if et is not None:
                break
        if et is None:
            raise Fail('the search entry has no EditableText interface')
        et.set_text_contents(name)

        def searched():
            got = agents_list(self.tree())
            if got and got[2] and all(name in r.real_name for r in got[2]) and \
                    len(got[2]) < len(rows):
                return got
            return None
        page, lst, found = self.wait('the list to show only %r' % name, searched, 15)
        self.snapshot('agents-search')
        self.step('typed %r into %r: %d row(s) left, %r'
                  % (name, entry.name, len(found), found[0].real_name))

        # 4. the agent opened through the list's Selection.
        sel = lst.acc.get_selection_iface()
        if sel is None or not sel.select_child(0):
            raise Fail('the agents list has no Selection, or select_child(0) failed')

        def detail():
            t = self.tree()
            chart = find(t, role='image', pred=lambda n: n.real_name.startswith(
                'Score trend of %s' % name) and 'visible' in n.states)
            return (t, chart) if chart else None
        t, chart = self.wait('the agent\'s trend chart', detail, 20)
        t = self.snapshot('agent')
        t, chart = detail()
        if not DIGIT.search(chart.description):
            raise Fail('the trend chart %r has no figures in its description %r'
                       % (chart.name, chart.description))
        self.step('trend chart %r reads %r' % (chart.name, chart.description))
        bars = find(t, role='image', pred=lambda n: n.real_name.startswith('Categories against'))
        if bars is None or not DIGIT.search(bars.real_name) or not DIGIT.search(bars.description):
            raise Fail('category bars without figures: %r' % (bars and bars.line()))
        self.step('category bars %r, described %r' % (bars.name, bars.description[:90]))
        listed = {}
        for label in ('Weakest criteria', 'Lowest evaluations',
                      'QA resolution against repeat contact'):
            box = find(t, role=('list', 'list box'), name=label, exact=True)
            items = [c for c in box.children if c.role in ROWS and c.real_name and
                     'visible' in c.states] if box else []
            if label != 'QA resolution against repeat contact' and \
                    (not items or not all(DIGIT.search(c.real_name) for c in items)):
                raise Fail('%r: no rows read with their figures (%r)'
                           % (label, [c.name for c in (box.children if box else [])]))
            listed[label] = items
            self.step('%r: %d rows, e.g. %r' % (label, len(items),
                                                 items[0].real_name if items else None))

        # 5. the range stepped with the buttons' actions.
        def chart_desc():
            got = detail()
            return got[1].description if got else None
        before = chart.description
        for button, back in (('Earlier range', False), ('Later range', True)):
            b = find(self.tree(), role='push button', name=button, exact=True,
                     pred=lambda n: 'sensitive' in n.states)
            if b is None:
                raise Fail('no sensitive %r button' % button)
            self.act(b)
            now = self.wait('the chart to follow %r' % button, lambda: (
                lambda d: d if d and (d == before) == back else None)(chart_desc()), 20)
            self.step('%r: the chart now reads %r' % (button, now))

        # 6. the lowest evaluation, opened in the editor.
        t = self.tree()
        box = find(t, role=('list', 'list box'), name='Lowest evaluations', exact=True)
        lowest = next(c for c in box.children
                      if c.role in ROWS and c.real_name and 'visible' in c.states)
        opener = find(lowest, role='push button', name='Open this evaluation', exact=True)
        if opener is None:
            raise Fail('the lowest evaluation %r has no "Open this evaluation" action'
                       % lowest.name)
        self.act(opener)
        call = re.match(r'Call (\S+) · ', lowest.real_name)

        def editor():
            t = self.tree()
            ed = find(t, name='Evaluation', exact=True,
                      pred=lambda n: 'showing' in n.states or 'visible' in n.states)
            menu = find(t, role='push button', name='Evaluation Menu')
            return (t, ed) if ed and menu else None
        t, ed = self.wait('the editor with the lowest evaluation', editor, 20)
        self.snapshot('agent-lowest-editor')
        texts = ' '.join(n.name + ' ' + (n.text or '') for n in t.walk())
        score = lowest.real_name.split(', ')[1] if ', ' in lowest.real_name else ''
        if not score or score not in texts:
            raise Fail('the editor does not show the score %r of %r' % (score, lowest.name))
        self.step('opened %r: the editor shows its score %r' % (lowest.real_name, score))
        back = find(t, role='push button', name='Back', exact=True)
        if back is None:
            raise Fail('no "Back" button in the editor')
        self.act(back)
        self.wait('the agent\'s page again', detail, 20)
        self.step('went back to the agent\'s page with %r' % back.name)

        try:
            self.team_page(found)
        except Fail as e:
            self.issues.append([1, 'team page: not reached through AT-SPI: %s' % e, ''])

    def team_page(self, found):
        # 7. the team's page: the agent's page has a "Team NAME Overview"
        # button; without one, the agent's team chosen in the Team drop-down
        # (its button opens the list, whose Selection picks the team).
        team_name = found[0].real_name.split(', ')[1].split(' · ')[1]
        tb = find(self.tree(), role='push button',
                  name='Team %s Overview' % team_name, exact=True,
                  pred=lambda n: 'sensitive' in n.states and 'visible' in n.states)
        if tb is None:
            tb = self.team_from_dropdown(team_name)
        self.act(tb)
        self.team_members(tb)

    def team_from_dropdown(self, team_name):
        page = find(self.tree(), role='panel', name='Agents', exact=True)
        dd = find(page, role='push button', name='Team', exact=True,
                  pred=lambda n: 'focusable' in n.states)
        if dd is None:
            raise Fail('no "Team" drop-down button on the Agents page')
        self.act(dd)

        def team_item():
            for lst in find_all(self.tree(), role=('list', 'list box'),
                                pred=lambda n: 'visible' in n.states):
                for i, c in enumerate(lst.children):
                    if any(x.role == 'label' and x.name == team_name for x in c.walk()):
                        return lst, i
            return None
        popup, index = self.wait('%r in the Team drop-down' % team_name, team_item, 10)
        self.snapshot('team-dropdown')
        psel = popup.acc.get_selection_iface()
        if psel is None or not psel.select_child(index):
            raise Fail('the Team drop-down\'s list has no Selection, or select_child failed')
        self.step('chose %r in %r through its list\'s Selection' % (team_name, dd.name))
        time.sleep(0.5)
        if 'showing' in Node(popup.acc, '').states:
            self.act(Node(dd.acc, ''))  # the toggle closes the list again
        tb = self.wait('the team button', lambda: find(
            self.tree(), role='push button', pred=lambda n: n.real_name.startswith('Team ')
            and n.real_name.endswith(' Overview') and 'sensitive' in n.states), 10)
        return tb

    def team_members(self, tb):
        DIGIT = re.compile(r'\d')
        ROWS = ('list item', 'row', 'table row')

        def team():
            t = self.tree()
            tl = find(t, role=('list', 'list box'), name='Agents of the team', exact=True,
                      pred=lambda n: 'visible' in n.states)
            rows = [c for c in tl.children if c.role in ROWS and c.real_name and
                    'visible' in c.states] if tl else []
            return (t, rows) if rows else None
        t, members = self.wait('the team\'s agents', team, 20)
        self.snapshot('team')
        if not all(DIGIT.search(m.real_name) for m in members):
            raise Fail('team rows without figures: %r' % [m.name for m in members])
        self.step('%r: the team page lists %d agents, e.g. %r'
                  % (tb.name, len(members), members[0].real_name))

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def inner(args):
    global Atspi
    Atspi = atspi()
    w = None
    try:
        w = Walk(args)
        print('Rubric AT-SPI walk — dumps in %s' % w.out, flush=True)
        w.start()
        w.welcome()
        if not args.agents_only:
            w.queue()
            w.editor()
            w.verify()
            try:
                w.extras()
            except Fail as e:
                w.issues.append([1, 'extras: %s' % e, ''])
        w.agents()
        flow_ok = True
    except NoDisplay:
        w.stop()
        return NO_DISPLAY
    except Fail as e:
        print('  ✗ FLOW STOPPED: %s' % e, flush=True)
        flow_ok = False
    finally:
        if w is not None:
            w.stop()
    issues = format_issues(w.issues) if w else []
    print()
    if issues:
        print('Accessibility problems (%d):' % len(issues))
        for i in issues:
            print('  - ' + i)
    else:
        print('Accessibility audit: no problems found.')
    print('Flow: %s' % ('PASSED end to end through AT-SPI' if flow_ok else 'FAILED'))
    if w is not None:
        print('Tree dumps and the app log: %s' % w.out)
    return 0 if flow_ok and not issues else (1 if flow_ok else 2)


def main():
    args = parse_args()
    if os.environ.get(INNER) != '1':
        return reexec_in_session(args)
    return inner(args)


if __name__ == '__main__':
    sys.exit(main())
