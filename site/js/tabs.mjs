// An ARIA tablist: click or ←/→/Home/End to switch panels.

export function setupTabs(tablist, onShow) {
  const tabs = [...tablist.querySelectorAll('[role=tab]')];
  const show = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    onShow(tab.getAttribute('aria-controls'));
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => show(tab, false));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      show(tabs[(next + tabs.length) % tabs.length], true);
    });
  }
  return {
    show: (panelId) => show(tabs.find((t) => t.getAttribute('aria-controls') === panelId), false),
    current: () => tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.getAttribute('aria-controls'),
  };
}

// setupMenu makes a button open a panel of menu items, closing on Escape
// or a click elsewhere; ↑/↓ move between items, Home/End to the first and last.
export function setupMenu(button, panel) {
  const items = () => [...panel.querySelectorAll('[role=menuitem]')];
  const close = (refocus) => {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  };
  const open = () => {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    items()[0]?.focus();
  };
  button.addEventListener('click', () => (panel.hidden ? open() : close(false)));
  panel.addEventListener('keydown', (e) => {
    const list = items();
    const i = list.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); close(true); }
    if (e.key === 'ArrowDown') { e.preventDefault(); list[(i + 1) % list.length]?.focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); list[(i - 1 + list.length) % list.length]?.focus(); }
    if (e.key === 'Home') { e.preventDefault(); list[0]?.focus(); }
    if (e.key === 'End') { e.preventDefault(); list.at(-1)?.focus(); }
  });
  panel.addEventListener('click', (e) => { if (e.target.closest('[role=menuitem]')) close(false); });
  document.addEventListener('pointerdown', (e) => {
    if (!panel.hidden && !panel.contains(e.target) && !button.contains(e.target)) close(false);
  });
  return { open, close };
}
