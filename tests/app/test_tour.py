"""Help → Tour: one click per chapter sets up the window; Next and Back; both languages."""

from __future__ import annotations

from lstm_viz.app.tour import TourDialog, show_tour
from lstm_viz.state.timeline import STAGES
from lstm_viz.state.tour import chapter_files, read_chapter
from lstm_viz.state.vocabulary import PANELS


def _tour_action(window):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text().startswith("Tour"):
                return action
    raise AssertionError("no Help → Tour entry")


def test_the_help_menu_opens_the_tour_at_its_first_page(qtbot, window) -> None:
    _tour_action(window).trigger()
    dialog = window.findChild(TourDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.count == len(chapter_files()) and dialog.chooser.count() == dialog.count
    assert not dialog.back.isEnabled() and dialog.next.isEnabled()


def test_each_chapter_sets_model_sequence_panel_and_cursor_in_one_click(qtbot, window) -> None:
    dialog = show_tour(window, window)
    for k, item in enumerate(chapter_files()):
        scenario = read_chapter(item)
        with qtbot.waitSignal(dialog.chapter_shown) as blocker:
            dialog.chooser.activated.emit(k)
        assert blocker.args == [k]
        s = window.session
        assert s.settings == scenario.settings
        assert s.cursor == scenario.cursor
        assert window.view_controller.state.panel == scenario.view.panel
        assert window.plots.currentIndex() == PANELS.index(scenario.view.panel)
        title, intro = scenario.text_in("en")
        assert dialog.title.text() == title and dialog.text.text() == intro.strip()
        assert dialog.counter.text() == f"Chapter {k + 1} of {dialog.count}"


def test_next_and_back_walk_the_chapters_in_order(qtbot, window) -> None:
    dialog = show_tour(window, window)
    dialog.next.click()
    assert dialog.index == 0
    dialog.next.click()
    assert dialog.index == 1
    stage = STAGES[window.session.results.kind][window.session.cursor.stage][0]
    assert stage == "remember"  # chapter 2 opens on the select-and-memorise stage
    dialog.back.click()
    assert dialog.index == 0 and not dialog.back.isEnabled()
    dialog.show_chapter(dialog.count - 1)
    assert not dialog.next.isEnabled()


def test_the_chapter_speaks_chinese_when_the_window_does(qtbot, window) -> None:
    dialog = show_tour(window, window, chapter=1)
    window.set_language("zh_CN", remember=False)
    qtbot.waitUntil(lambda: dialog.next.text() != "Next ▶")
    title, intro = read_chapter(chapter_files()[1]).text_in("zh_CN")
    assert dialog.title.text() == title and "选择记忆阶段" in dialog.text.text()
    assert dialog.text.text() == intro.strip()


def test_the_tour_is_one_dialog_per_window(qtbot, window) -> None:
    assert show_tour(window, window) is show_tour(window, window, chapter=2)
    assert len(window.findChildren(TourDialog)) == 1


def test_the_about_pages_links_open_each_facts_chapter_in_one_click(qtbot, window) -> None:
    import re

    from PySide6.QtCore import QUrl

    from lstm_viz.app.about import AboutDialog
    from lstm_viz.app.about_text import TOUR_LINK, about_lstm_html

    names = re.findall(re.escape(TOUR_LINK) + r"([\w]+)", about_lstm_html())
    files = [f.name for f in chapter_files()]
    assert len(names) == 6 and all(f"{n}.toml" in files for n in names)
    for name in names:
        about = AboutDialog(window)
        qtbot.addWidget(about)
        about.browser.anchorClicked.emit(QUrl(TOUR_LINK + name))
        dialog = window.findChild(TourDialog)
        assert dialog.files[dialog.index].name == f"{name}.toml"
        scenario = read_chapter(dialog.files[dialog.index])
        assert window.view_controller.state.panel == scenario.view.panel
        assert window.session.settings == scenario.settings
