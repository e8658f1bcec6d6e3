// CustomerManager: check-in and check-out at the store (签到/签退). Asks the browser for the phone's location (the user
// decides), then lets the server stamp the time. Nothing here is needed to save a visit: without a location, a signal or
// this script, the visit is saved and marked unverified.
(function () {
    'use strict';

    var geolocationOptions = { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 };

    // Calls back with the position, or with null when the user refuses, the phone has no fix or no Geolocation API.
    function locate(callback) {
        if (!navigator.geolocation) {
            callback(null);
            return;
        }
        navigator.geolocation.getCurrentPosition(function (p) { callback(p); }, function () { callback(null); }, geolocationOptions);
    }

    function fill(form, position) {
        var c = position ? position.coords : null;
        form.querySelector('[name=latitude]').value = c ? String(c.latitude) : '';
        form.querySelector('[name=longitude]').value = c ? String(c.longitude) : '';
        form.querySelector('[name=accuracy]').value = c ? String(c.accuracy) : '';
    }

    // The visit form: <div id="site-check" data-check-in-url=…> above <form id="visit-form">.
    function applyCheckIn() {
        var card = document.getElementById('site-check');
        var form = document.getElementById('visit-form');
        if (!card || !form) {
            return;
        }
        var button = document.getElementById('check-in');
        var status = document.getElementById('check-in-status');
        var ticket = document.getElementById('CheckInTicket');
        var customer = document.getElementById('CustomerId');
        var when = document.getElementById('VisitedAt');
        var kinds = form.querySelectorAll('input[name=Kind]');
        var token = form.querySelector('input[name=__RequestVerificationToken]');
        var originalStatus = status.textContent;

        var onSite = function () {
            var checked = form.querySelector('input[name=Kind]:checked');
            return !checked || checked.value === 'OnSite';
        };
        var reset = function () {
            ticket.value = '';
            when.readOnly = false;
            button.hidden = false;
            button.disabled = false;
            status.textContent = originalStatus;
            card.classList.remove('border-success', 'border-warning');
        };
        var showKind = function () {
            card.hidden = !onSite();
        };

        card.hidden = false;
        showKind();
        Array.prototype.forEach.call(kinds, function (k) { k.addEventListener('change', showKind); });
        if (customer && customer.tagName === 'SELECT') {
            customer.addEventListener('change', function () {
                if (ticket.value) {
                    reset();
                }
            });
        }
        if (ticket.value) {
            // Back from the server with an error: the check-in made before still holds.
            button.hidden = true;
            when.readOnly = true;
            status.textContent = card.getAttribute('data-kept');
        }

        button.addEventListener('click', function () {
            if (!customer.value) {
                status.textContent = card.getAttribute('data-choose-customer');
                return;
            }
            button.disabled = true;
            status.textContent = card.getAttribute('data-locating');
            locate(function (position) {
                var data = new FormData();
                data.append('customerId', customer.value);
                if (token) {
                    data.append('__RequestVerificationToken', token.value);
                }
                if (position) {
                    data.append('latitude', String(position.coords.latitude));
                    data.append('longitude', String(position.coords.longitude));
                    data.append('accuracy', String(position.coords.accuracy));
                }
                fetch(card.getAttribute('data-check-in-url'), { method: 'POST', body: data, credentials: 'same-origin' })
                    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
                    .then(function (result) {
                        ticket.value = result.ticket;
                        when.value = result.at;
                        when.readOnly = true;
                        status.textContent = result.message;
                        button.hidden = true;
                        card.classList.add(result.far ? 'border-warning' : 'border-success');
                    })
                    .catch(function () {
                        button.disabled = false;
                        status.textContent = card.getAttribute('data-offline');
                    });
            });
        });
    }

    // The visit's page: <form data-geolocate> sends the phone's location, when there is one, with the check-out.
    function applyCheckOut() {
        document.querySelectorAll('form[data-geolocate]').forEach(function (form) {
            var sending = false;
            form.addEventListener('submit', function (event) {
                if (sending) {
                    return;
                }
                event.preventDefault();
                var button = form.querySelector('button[type=submit]');
                if (button) {
                    button.disabled = true;
                }
                locate(function (position) {
                    fill(form, position);
                    sending = true;
                    form.submit();
                });
            });
        });
    }

    applyCheckIn();
    applyCheckOut();
})();
