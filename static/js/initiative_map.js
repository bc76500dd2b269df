// The initiatives' map: a marker for each filtered initiative that has a
// place, on the tiles the site's settings name (read from data- attributes,
// so that nothing inline is needed under the strict CSP). The list beside it
// is the accessible alternative; without JavaScript the map stays hidden.
(function () {
  "use strict";

  var MAP_ID = "initiative-map";
  // The Netherlands, until the markers say where to look.
  var START = { centre: [52.2, 5.3], zoom: 7 };
  var current = null;

  function popupContent(feature) {
    var wrapper = document.createElement("div");
    var title = document.createElement("p");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.title;
    title.className = "hub-map-popup__title";
    title.appendChild(link);
    var summary = document.createElement("p");
    summary.textContent = feature.properties.summary;
    wrapper.append(title, summary);
    return wrapper;
  }

  function marker(feature, latlng) {
    return L.circleMarker(latlng, { className: "hub-map-marker", radius: 8 });
  }

  function showError(state) {
    state.container.dataset.state = "error";
    var note = document.createElement("p");
    note.className = "utrecht-paragraph hub-map-error";
    note.textContent = state.container.dataset.errorMessage;
    state.container.after(note);
  }

  // The markers for the filters in the address bar (the list's, as htmx
  // pushes them there).
  function showMarkers(state) {
    var url = state.container.dataset.mapDataUrl + window.location.search;
    state.container.dataset.state = "loading";
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("Map data answered " + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        if (state !== current) {
          return;
        }
        state.markers.clearLayers();
        L.geoJSON(collection, {
          pointToLayer: marker,
          onEachFeature: function (feature, layer) {
            layer.bindPopup(popupContent(feature));
          },
        }).addTo(state.markers);
        var bounds = state.markers.getBounds();
        if (bounds.isValid()) {
          state.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
        }
        state.container.dataset.markers = String(collection.features.length);
        state.container.dataset.state = "ready";
      })
      .catch(function () {
        showError(state);
      });
  }

  // Also after htmx restored the page from its history: the map's markup
  // came back without Leaflet behind it, so it is built anew.
  function start() {
    var container = document.getElementById(MAP_ID);
    if (!container || !window.L) {
      return;
    }
    if (current) {
      current.map.remove();
    }
    container.replaceChildren();
    container.className = "hub-map";
    container.closest("[data-initiative-map-section]").hidden = false;
    var map = L.map(container, { scrollWheelZoom: false }).setView(
      START.centre,
      START.zoom
    );
    L.tileLayer(container.dataset.tileUrl, {
      attribution: container.dataset.attribution,
      maxZoom: 18,
    }).addTo(map);
    current = { container: container, map: map, markers: L.featureGroup() };
    current.markers.addTo(map);
    showMarkers(current);
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:pushedIntoHistory", function () {
    if (current) {
      showMarkers(current);
    }
  });
  document.addEventListener("htmx:historyRestore", start);
})();
