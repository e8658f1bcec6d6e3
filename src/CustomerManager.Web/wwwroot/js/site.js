// CustomerManager: small progressive enhancements; every page works without them.
(function () {
    'use strict';

    // Show a field only while another field has a given value:
    // <div data-depends-on="Role" data-depends-value="PanelMember">…</div>
    function applyDependencies() {
        document.querySelectorAll('[data-depends-on]').forEach(function (element) {
            var source = document.getElementById(element.getAttribute('data-depends-on'));
            if (!source) {
                return;
            }
            var update = function () {
                element.hidden = source.value !== element.getAttribute('data-depends-value');
            };
            source.addEventListener('change', update);
            update();
        });
    }

    // Ask before a destructive action: <form data-confirm="Are you sure?">
    function applyConfirmations() {
        document.querySelectorAll('form[data-confirm]').forEach(function (form) {
            form.addEventListener('submit', function (event) {
                if (!window.confirm(form.getAttribute('data-confirm'))) {
                    event.preventDefault();
                }
            });
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        applyDependencies();
        applyConfirmations();
    });
})();
