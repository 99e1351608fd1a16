// XMLHttpRequest as a page at 'http://page.test' runs it (a cross-origin request).
const xhr = new XMLHttpRequest();
xhr.onreadystatechange = () => console.log('readystatechange', xhr.readyState);
xhr.onloadstart = (event) => console.log('loadstart', event.loaded, event.total);
xhr.onprogress = (event) =>
  console.log('progress', event.loaded, event.total, event.lengthComputable);
// An upload listener makes a cross-origin request with a body preflighted (XHR standard);
// Preflight sent this one without. To watch the upload:
// xhr.upload.onprogress = (event) => console.log('upload progress', event.loaded, event.total);
xhr.onload = () => {
  console.log('load', xhr.status, xhr.statusText);
  console.log(xhr.getAllResponseHeaders());
  console.log(xhr.responseText);
};
xhr.onerror = () => console.log('error');
xhr.onabort = () => console.log('abort');
xhr.ontimeout = () => console.log('timeout');
xhr.onloadend = () => console.log('loadend', xhr.status);
xhr.open('POST', 'http://api.test/echo?q=a%20b', true);
xhr.setRequestHeader('Content-Type', 'application/json');
xhr.setRequestHeader('X-Token', 'it\'s');
xhr.send('{"a": "x\\ny"}\n');
