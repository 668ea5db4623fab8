"""A locked module shows the whole way to it, not only the next locked page."""

import re

from learners.journey import progress


def test_a_locked_module_lists_every_module_still_needed_and_which_is_open(
    client, learner, avholdt, avholdt_modules
):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    client.force_login(learner)
    # Module 3 needs 2, which needs 1: the learner reads 1 (open now) and 2 (not yet).
    html = client.get(avholdt_modules[2].url).content.decode()
    path = re.search(r'<ol class="prerequisite-path">(.*?)</ol>', html, re.S).group(1)
    assert avholdt_modules[0].title in path and avholdt_modules[1].title in path
    assert path.index(avholdt_modules[0].title) < path.index(avholdt_modules[1].title)
    first, second = path.split("</li>")[:2]
    assert "available now" in first and "not open yet" in second


def test_completed_modules_leave_the_path(learner, avholdt, avholdt_modules):
    progress.enrol(learner=learner, programme=avholdt, actor=learner)
    progress.mark_done(learner=learner, module=avholdt_modules[0])
    path = progress.prerequisite_path(learner=learner, module=avholdt_modules[3])
    assert [(m.pk, open_) for m, open_ in path] == [
        (avholdt_modules[1].pk, True),
        (avholdt_modules[2].pk, False),
    ]


def test_the_path_costs_four_queries(learner, avholdt, avholdt_modules, django_assert_num_queries):
    # Three, and one for the learner's roles: AvHoldt's step 5 is for resource persons.
    with django_assert_num_queries(4):
        progress.prerequisite_path(learner=learner, module=avholdt_modules[6])
