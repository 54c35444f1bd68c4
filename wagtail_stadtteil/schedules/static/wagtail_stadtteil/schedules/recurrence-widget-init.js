// Turns every `textarea.recurrence-widget` into django-recurrence's widget, once.
// Rows that Wagtail's InlinePanel adds later are picked up by a MutationObserver
// on document.body; the hidden `__prefix__` row template is left alone.
(function () {
    'use strict';

    var SELECTOR = 'textarea.recurrence-widget';

    function setUp(textarea) {
        if (textarea.getAttribute('data-recurrence-widget') === 'ready') {
            return;
        }
        if (!textarea.id || textarea.id.indexOf('__prefix__') !== -1) {
            return;
        }
        textarea.setAttribute('data-recurrence-widget', 'ready');
        new window.recurrence.widget.Widget(textarea, {});
    }

    function setUpWithin(node) {
        if (node.nodeType !== Node.ELEMENT_NODE) {
            return;
        }
        if (node.matches(SELECTOR)) {
            setUp(node);
        }
        node.querySelectorAll(SELECTOR).forEach(setUp);
    }

    function start() {
        setUpWithin(document.body);
        new MutationObserver(function (mutations) {
            mutations.forEach(function (mutation) {
                mutation.addedNodes.forEach(setUpWithin);
            });
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
