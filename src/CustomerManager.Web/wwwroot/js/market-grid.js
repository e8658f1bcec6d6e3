// CustomerManager: the visit form's market grid (卷烟市场信息采集). When the manager chooses a customer, the grid of a
// collection point is fetched from the server (empty for other customers); a price typed above the guide price is marked
// at once. The server checks every figure again; without this script the grid still shows for a customer chosen before.
(function () {
    'use strict';

    var strictNumber = /^\d+(\.\d+)?$/;

    function markAboveGuide(input) {
        var guide = parseFloat(input.getAttribute('data-guide'));
        var text = input.value.trim();
        var above = !isNaN(guide) && strictNumber.test(text) && parseFloat(text) > guide;
        input.classList.toggle('above-guide', above);
    }

    function watch(slot) {
        slot.querySelectorAll('input[data-guide]').forEach(function (input) {
            if (input.getAttribute('data-guide')) {
                markAboveGuide(input);
                input.addEventListener('input', function () { markAboveGuide(input); });
            }
        });
    }

    function apply() {
        var slot = document.getElementById('market-slot');
        var customer = document.getElementById('CustomerId');
        if (!slot) {
            return;
        }
        watch(slot);
        if (!customer || customer.tagName !== 'SELECT') {
            return;
        }
        customer.addEventListener('change', function () {
            if (!customer.value) {
                slot.innerHTML = '';
                return;
            }
            var when = document.getElementById('VisitedAt');
            var day = when && when.value ? when.value.substring(0, 10) : '';
            var url = slot.getAttribute('data-grid-url') + '?customerId=' + encodeURIComponent(customer.value) + (day ? '&day=' + encodeURIComponent(day) : '');
            fetch(url, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
                .then(function (response) { return response.ok ? response.text() : ''; })
                .then(function (html) {
                    slot.innerHTML = html;
                    watch(slot);
                })
                .catch(function () { slot.innerHTML = ''; });
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', apply);
    } else {
        apply();
    }
}());
